from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

# Admins keep the registers and the templates; the documents themselves they only read (the
# numbers are the registers', written by the services).
ADMIN = [
    "documents.view_register", "documents.add_register", "documents.change_register",
    "documents.view_documenttemplate", "documents.add_documenttemplate", "documents.change_documenttemplate",
    "documents.view_templateversion",
    "documents.view_document",
    "documents.view_incomingdocument",
]  # fmt: skip


def grant(apps, schema_editor):
    grant_role_permissions(apps, {"admin": ADMIN})


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_default_registers"), ("accounts", "0012_admin_security_operations")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

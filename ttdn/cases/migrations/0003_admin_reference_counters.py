from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

ROLE_PERMISSIONS = {"admin": ["cases.view_referencecounter", "cases.change_referencecounter"]}


def grant(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_role_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

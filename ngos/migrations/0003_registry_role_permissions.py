from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

MODELS = ("ngo", "ngocontact", "certificate", "filing", "aidproject", "aidsector", "ngosettings")
VIEW = [f"ngos.view_{model}" for model in MODELS]
ROLE_PERMISSIONS = {
    # The admin reads the registry; the pages keep it (ngos.services.registry).
    "protocol": VIEW,
    "police": VIEW,
    "leader": VIEW,
    "admin": VIEW + ["ngos.add_aidsector", "ngos.change_aidsector", "ngos.change_ngosettings"],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ngos", "0002_registry_defaults"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

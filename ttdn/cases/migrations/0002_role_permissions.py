from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

MODELS = ["case", "organisation", "person", "participant", "programmeitem", "attachment"]
VIEW = [f"cases.view_{model}" for model in MODELS]
ROLE_PERMISSIONS = {
    "protocol": VIEW + [f"cases.{action}_{model}" for model in MODELS for action in ("add", "change")],
    "police": VIEW,
    "agency": VIEW,
    "leader": VIEW,
    "admin": VIEW
    + ["cases.change_case"]
    + [f"cases.{action}_{model}" for model in ("organisation", "person") for action in ("add", "change", "delete")],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

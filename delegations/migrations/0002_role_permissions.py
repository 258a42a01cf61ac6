from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

VIEW = ["delegations.view_delegation", "delegations.view_agreement"]
ROLE_PERMISSIONS = {
    "protocol": VIEW + [f"delegations.{a}_{m}" for m in ("delegation", "agreement") for a in ("add", "change")],
    "police": ["delegations.view_delegation"],
    "agency": ["delegations.view_delegation"],
    "leader": VIEW,
    "admin": VIEW + ["delegations.change_agreement"],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("delegations", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

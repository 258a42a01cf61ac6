from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

VIEW = ["cases.view_followup"]
ROLE_PERMISSIONS = {
    "protocol": [*VIEW, "cases.add_followup", "cases.change_followup"],
    "agency": [*VIEW, "cases.change_followup"],
    "police": VIEW,
    "leader": VIEW,
    "admin": VIEW,
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_follow_ups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

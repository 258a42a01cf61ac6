from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

ACCOUNTS_READ = ["accounts.view_agency", "accounts.view_user"]
ROLE_PERMISSIONS = {
    "protocol": ACCOUNTS_READ,
    "police": ACCOUNTS_READ,
    "agency": ["accounts.view_agency"],
    "leader": ACCOUNTS_READ,
    "admin": [
        f"{app}.{action}_{model}"
        for app, model in [("accounts", "agency"), ("accounts", "user"), ("auth", "group")]
        for action in ("add", "change", "delete", "view")
    ]
    + ["auth.view_permission"],
}


def create_role_groups(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]

from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(apps, {"admin": ["notifications.view_notification"]})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

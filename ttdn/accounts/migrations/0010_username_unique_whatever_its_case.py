import django.db.models.functions.text
from django.db import migrations, models


def refuse_names_that_differ_in_case_only(apps, schema_editor):
    """Say which users to rename, instead of the database's bare unique-constraint error: the
    sign-in finds a user by the name whatever its letter case (ttdn/accounts/usernames.py)."""
    User = apps.get_model("accounts", "User")
    spellings = {}
    for username in User.objects.values_list("username", flat=True):
        spellings.setdefault(username.lower(), []).append(username)
    clashes = ["/".join(names) for names in spellings.values() if len(names) > 1]
    if clashes:
        raise RuntimeError(
            "Users whose names differ only in letter case (%s): rename all but one of each in the admin, "
            "then migrate again." % ", ".join(clashes)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_agency_and_user_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(refuse_names_that_differ_in_case_only, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("username"),
                name="accounts_user_username_unique_ci",
                violation_error_message="Another user already has this user name (in other letters).",
            ),
        ),
    ]

from django.db import migrations, models


def refuse_two_provincial_police(apps, schema_editor):
    """Say which agencies to fix, instead of the database's bare unique-constraint error."""
    Agency = apps.get_model("accounts", "Agency")
    police = list(
        Agency.objects.filter(kind="police", parent__isnull=True, is_active=True).values_list(
            "code", flat=True
        )
    )
    if len(police) > 1:
        raise RuntimeError(
            "More than one active top-level police agency (%s): give all but the provincial police a "
            "parent agency (or deactivate them) in the admin, then migrate again." % ", ".join(police)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_tokens_need_second_factor"),
    ]

    operations = [
        migrations.RunPython(refuse_two_provincial_police, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="agency",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_active", True), ("kind", "police"), ("parent__isnull", True)),
                fields=("kind",),
                name="accounts_agency_one_provincial_police",
                violation_error_message=(
                    "There is already an active top-level police agency; a police unit must name it as "
                    "its parent agency."
                ),
            ),
        ),
    ]

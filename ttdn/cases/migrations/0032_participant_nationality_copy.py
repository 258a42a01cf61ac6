"""Each participant keeps a copy of its person's nationality, for the report (issue 18)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_nationalities(apps, schema_editor):
    Participant = apps.get_model("cases", "Participant")
    Person = apps.get_model("cases", "Person")
    nationality = Person.objects.filter(pk=OuterRef("person_id")).values("nationality")[:1]
    Participant.objects.update(nationality=Subquery(nationality))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0031_case_access_level_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="nationality",
            field=models.CharField(blank=True, editable=False, max_length=2, verbose_name="nationality"),
        ),
        migrations.RunPython(copy_nationalities, migrations.RunPython.noop),
    ]

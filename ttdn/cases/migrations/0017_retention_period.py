import django.core.validators
from django.db import migrations, models

from ttdn.accounts.role_migrations import grant_role_permissions

# The defaults (README, "Personal data"); admins change them under Retention periods.
DEFAULT_YEARS = {"delegation": 5, "press": 2}


def create(apps, schema_editor):
    RetentionPeriod = apps.get_model("cases", "RetentionPeriod")
    for kind, years in DEFAULT_YEARS.items():
        RetentionPeriod.objects.get_or_create(kind=kind, defaults={"years": years})
    grant_role_permissions(apps, {"admin": ["cases.view_retentionperiod", "cases.change_retentionperiod"]})


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0016_person_passport_unique_by_hash'),
    ]

    operations = [
        migrations.CreateModel(
            name='RetentionPeriod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=16, unique=True, verbose_name='kind of case')),
                ('years', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(50)], verbose_name='years after closing')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='legal basis')),
            ],
            options={
                'verbose_name': 'retention period',
                'verbose_name_plural': 'retention periods of personal data',
                'ordering': ['kind'],
            },
        ),
        migrations.RunPython(create, migrations.RunPython.noop),
    ]

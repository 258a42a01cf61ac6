"""A gift received keeps whether it is above the threshold (decided when it is saved), so that its
status, the report and the reminders do not hinge on its hand-in date; the funding source's names."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q


def backfill(apps, schema_editor):
    """The gifts recorded before: above the threshold if they got a hand-in date, or if their value
    is above the threshold now."""
    settings_row = apps.get_model("gifts", "GiftSettings").objects.order_by("pk").first()
    threshold = settings_row.threshold if settings_row is not None else 500_000
    apps.get_model("gifts", "GiftReceived").objects.filter(
        Q(hand_in_due__isnull=False) | Q(estimated_value__gt=threshold)
    ).update(above_threshold=True)


class Migration(migrations.Migration):

    dependencies = [
        ('gifts', '0004_funding_source'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='fundingsource',
            options={'ordering': ['name'], 'verbose_name': 'funding source for gifts', 'verbose_name_plural': 'funding sources for gifts'},
        ),
        migrations.AlterModelOptions(
            name='historicalfundingsource',
            options={'get_latest_by': ('history_date', 'history_id'), 'ordering': ('-history_date', '-history_id'), 'verbose_name': 'historical funding source for gifts', 'verbose_name_plural': 'historical funding sources for gifts'},
        ),
        migrations.AddField(
            model_name='giftreceived',
            name='above_threshold',
            field=models.BooleanField(default=False, editable=False, help_text='Decided from the estimated value and the threshold when the gift is recorded or changed.', verbose_name='above the declaration threshold'),
        ),
        migrations.AddField(
            model_name='historicalgiftreceived',
            name='above_threshold',
            field=models.BooleanField(default=False, editable=False, help_text='Decided from the estimated value and the threshold when the gift is recorded or changed.', verbose_name='above the declaration threshold'),
        ),
        migrations.AlterField(
            model_name='giftgiven',
            name='budget_line',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='gifts.fundingsource', verbose_name='funding source'),
        ),
        migrations.AlterField(
            model_name='giftgiven',
            name='budget_line_text',
            field=models.CharField(blank=True, help_text='When it is none of the list.', max_length=255, verbose_name='funding source (other)'),
        ),
        migrations.AlterField(
            model_name='historicalgiftgiven',
            name='budget_line',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='gifts.fundingsource', verbose_name='funding source'),
        ),
        migrations.AlterField(
            model_name='historicalgiftgiven',
            name='budget_line_text',
            field=models.CharField(blank=True, help_text='When it is none of the list.', max_length=255, verbose_name='funding source (other)'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

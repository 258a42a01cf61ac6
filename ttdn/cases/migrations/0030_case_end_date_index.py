"""The visits of a window (calendar, feeds) found by their end: issue 18."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0029_review_items_per_kind_and_timer_units")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["end_date"], name="cases_case_end_date_idx"),
        ),
    ]

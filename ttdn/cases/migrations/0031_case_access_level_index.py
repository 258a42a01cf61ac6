"""The access policy's count reads each case's access level from an index: issue 18."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0030_case_end_date_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["access_level", "id"], name="cases_case_access_idx"),
        ),
    ]

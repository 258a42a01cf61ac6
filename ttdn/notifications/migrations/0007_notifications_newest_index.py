"""A user's notifications read newest first from an index: issue 18."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notifications", "0006_reminder_rule_history")]

    operations = [
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["recipient", "-created_at", "-id"], name="notifications_newest"),
        ),
    ]

"""The gifts' reminder rules also address the protocol staff: a gift's recipient may be no user of
the system and the case may have no responsible officer, and the issue asks for reminders "to the
recipient and protocol". Rules an admin already changed to include them are left as they are."""

from django.db import migrations

CODES = ["gift-hand-in-due-2", "gift-hand-in-overdue"]


def add_protocol(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for rule in ReminderRule.objects.filter(code__in=CODES):
        if "protocol" not in rule.audiences:
            rule.audiences = [*rule.audiences, "protocol"]
            rule.save(update_fields=["audiences"])


def remove_protocol(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for rule in ReminderRule.objects.filter(code__in=CODES):
        if "protocol" in rule.audiences:
            rule.audiences = [audience for audience in rule.audiences if audience != "protocol"]
            rule.save(update_fields=["audiences"])


class Migration(migrations.Migration):
    dependencies = [("gifts", "0002_defaults")]

    operations = [migrations.RunPython(add_protocol, remove_protocol)]

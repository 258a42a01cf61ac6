"""The registry's reminder rules, to protocol staff, each editable (offset, on/off, recipients) in
the admin afterwards: a filing due in 5 working days and overdue; a certificate ending in 90 days
and on its last day. And the admins' permission to set the date the annual report is due."""

from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

RULES = [
    # code, name, trigger, offset, day kind, recipients
    ("ngo-filing-due-5", "Tổ chức PCPNN đến hạn nộp báo cáo, thông báo sau 5 ngày làm việc", "ngo_filing_due", 5,
     "working", ["protocol"]),
    ("ngo-filing-overdue", "Tổ chức PCPNN quá hạn nộp báo cáo, thông báo", "ngo_filing_overdue", 0, "working",
     ["protocol"]),
    ("ngo-certificate-ending-90", "Giấy đăng ký của tổ chức PCPNN hết hạn sau 90 ngày", "ngo_certificate_ending",
     90, "calendar", ["protocol"]),
    ("ngo-certificate-ending-0", "Giấy đăng ký của tổ chức PCPNN hết hạn hôm nay", "ngo_certificate_ending", 0,
     "calendar", ["protocol"]),
]  # fmt: skip


# The admins set the date the annual report is due (the registry's settings).
ADMIN = ["ngos.view_ngosettings", "ngos.change_ngosettings"]


def create(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for code, name, trigger, offset, day_kind, audiences in RULES:
        ReminderRule.objects.get_or_create(
            code=code,
            defaults={"name": name, "trigger": trigger, "offset": offset, "day_kind": day_kind, "audiences": audiences},
        )
    grant_role_permissions(apps, {"admin": ADMIN})


def remove(apps, schema_editor):
    apps.get_model("notifications", "ReminderRule").objects.filter(code__in=[rule[0] for rule in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ngos", "0003_registry_role_permissions"),
        ("notifications", "0006_reminder_rule_history"),
    ]

    operations = [migrations.RunPython(create, remove)]

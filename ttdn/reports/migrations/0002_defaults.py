"""The report requests' reminder rules, to the staff of the agencies asked, each editable (offset,
on/off, recipients) in the admin afterwards: a contribution due in 3 working days, and overdue
(with protocol staff told too); and the document template of the compiled report (type BC, its
register and symbol, which admins may change: its DOCX is drawn by the system)."""

from django.db import migrations

RULES = [
    # code, name, trigger, offset, day kind, recipients
    ("contribution-due-3", "Sắp đến hạn gửi báo cáo theo yêu cầu (sau 3 ngày làm việc)", "contribution_due", 3,
     "working", ["assignee"]),
    ("contribution-overdue", "Quá hạn gửi báo cáo theo yêu cầu", "contribution_overdue", 0, "working",
     ["assignee", "protocol"]),
]  # fmt: skip
TEMPLATE = "compiled-report"


def create(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for code, name, trigger, offset, day_kind, audiences in RULES:
        ReminderRule.objects.get_or_create(
            code=code,
            defaults={"name": name, "trigger": trigger, "offset": offset, "day_kind": day_kind, "audiences": audiences},
        )
    register = apps.get_model("documents", "Register").objects.filter(direction="out", is_default=True).first()
    if register is not None:
        apps.get_model("documents", "DocumentTemplate").objects.get_or_create(
            code=TEMPLATE,
            defaults={
                "name": "Báo cáo tổng hợp công tác thông tin đối ngoại",
                "doc_type": "BC",
                "symbol": f"BC-{register.body_symbol}",
                "register": register,
                "summary": "Kết quả công tác thông tin đối ngoại",
                "description": "Báo cáo tổng hợp từ báo cáo của các cơ quan, đơn vị theo yêu cầu báo cáo; "
                "hệ thống tự lập tệp DOCX (không cần tải mẫu lên). Sửa sổ văn bản và ký hiệu tại đây.",
            },
        )


def remove(apps, schema_editor):
    apps.get_model("notifications", "ReminderRule").objects.filter(code__in=[rule[0] for rule in RULES]).delete()
    apps.get_model("documents", "DocumentTemplate").objects.filter(code=TEMPLATE, documents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("documents", "0003_admin_permissions"),
        ("notifications", "0006_reminder_rule_history"),
    ]

    operations = [migrations.RunPython(create, remove)]

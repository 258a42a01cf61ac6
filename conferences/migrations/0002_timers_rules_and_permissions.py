"""The conferences' defaults, each editable by the admins afterwards: the timers of Decision
06/2020/QĐ-TTg (calendar days where it says "ngày", working days for the opinions), the two
approving authorities, the reminder rules, the retention period of the participants' identity
data, and the roles' permissions. Every figure is marked for the office to check against the
decision's text."""

from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

BASIS = "Quyết định 06/2020/QĐ-TTg về tổ chức và quản lý hội nghị, hội thảo quốc tế tại Việt Nam (Văn phòng kiểm tra lại điều, khoản)"
TIMERS = [
    {"code": "conference_dossier", "name": "Hồ sơ xin phép tổ chức hội nghị, hội thảo quốc tế (thẩm quyền của tỉnh)",
     "working_days": 30, "unit": "days", "anchor": "before_start", "legal_basis": BASIS},
    {"code": "conference_dossier_central",
     "name": "Hồ sơ xin phép tổ chức hội nghị, hội thảo quốc tế (thẩm quyền cấp trên tỉnh)",
     "working_days": 40, "unit": "days", "anchor": "before_start", "legal_basis": BASIS},
    {"code": "conference_opinions", "name": "Cơ quan được xin ý kiến trả lời về hội nghị, hội thảo quốc tế",
     "working_days": 7, "unit": "working_days", "anchor": "after_receipt", "legal_basis": BASIS},
    {"code": "conference_report", "name": "Báo cáo kết quả hội nghị, hội thảo quốc tế",
     "working_days": 15, "unit": "days", "anchor": "after_end", "legal_basis": BASIS},
]  # fmt: skip
APPROVAL_RULES = [
    {"name": "Chủ tịch UBND tỉnh", "above_province": False, "legal_basis": BASIS,
     "description": "Hội nghị, hội thảo quốc tế thuộc thẩm quyền cho phép của Chủ tịch UBND tỉnh."},
    {"name": "Thủ tướng Chính phủ", "above_province": True, "legal_basis": BASIS,
     "description": "Hội nghị, hội thảo quốc tế cấp cao hoặc có nội dung nhạy cảm, thuộc thẩm quyền của Thủ tướng Chính phủ."},
]  # fmt: skip
RULES = [
    # code, name, trigger, offset, day kind, recipients
    ("conference-dossier-due-7", "Hồ sơ hội nghị, hội thảo quốc tế đến hạn nộp sau 7 ngày", "conference_dossier_due", 7,
     "calendar", ["responsible_officer", "host_agencies"]),
    ("conference-dossier-overdue", "Hồ sơ hội nghị, hội thảo quốc tế quá hạn nộp", "conference_dossier_overdue", 0,
     "calendar", ["responsible_officer", "protocol"]),
    ("conference-opinion-due-2", "Cơ quan được xin ý kiến về hội nghị, hội thảo đến hạn trả lời sau 2 ngày làm việc",
     "conference_opinion_due", 2, "working", ["assignee", "responsible_officer"]),
    ("conference-opinion-overdue", "Cơ quan được xin ý kiến về hội nghị, hội thảo quá hạn trả lời",
     "conference_opinion_overdue", 0, "working", ["assignee", "responsible_officer"]),
]  # fmt: skip
VIEW = ["conferences.view_conference", "conferences.view_consultedagency", "conferences.view_approvalrule"]
ROLE_PERMISSIONS = {
    "protocol": VIEW + [f"conferences.{a}_{m}" for m in ("conference", "consultedagency") for a in ("add", "change")],
    "police": VIEW,
    "agency": VIEW,
    "leader": VIEW,
    "admin": VIEW + ["conferences.add_approvalrule", "conferences.change_approvalrule"],
}


def create(apps, schema_editor):
    Timer = apps.get_model("cases", "Timer")
    for timer in TIMERS:
        Timer.objects.get_or_create(code=timer["code"], defaults=timer)
    ApprovalRule = apps.get_model("conferences", "ApprovalRule")
    for rule in APPROVAL_RULES:
        ApprovalRule.objects.get_or_create(name=rule["name"], defaults=rule)
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for code, name, trigger, offset, day_kind, audiences in RULES:
        ReminderRule.objects.get_or_create(
            code=code,
            defaults={"name": name, "trigger": trigger, "offset": offset, "day_kind": day_kind, "audiences": audiences},
        )
    # How long the participants' identity data is kept after the case closes, as for delegations
    # (admin: Retention periods of personal data; to be checked by the Office).
    apps.get_model("cases", "RetentionPeriod").objects.get_or_create(kind="conference", defaults={"years": 5})
    grant_role_permissions(apps, ROLE_PERMISSIONS)


def remove(apps, schema_editor):
    apps.get_model("notifications", "ReminderRule").objects.filter(code__in=[rule[0] for rule in RULES]).delete()
    apps.get_model("cases", "Timer").objects.filter(code__in=[timer["code"] for timer in TIMERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0001_initial"),
        ("cases", "0029_review_items_per_kind_and_timer_units"),
        ("notifications", "0006_reminder_rule_history"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(create, remove)]

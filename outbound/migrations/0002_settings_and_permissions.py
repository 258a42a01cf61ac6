"""The outbound delegations' settings, each editable by the admins afterwards: the levels of the
delegation's head with the authority that decides (to be checked against the province's rules),
the timers of the passports' return and of the report on return, the reminder rules of the
passports' return, the retention period; and the roles' permissions."""

from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

# The province's regulation on managing trips abroad (issued under Decree 136/2007/NĐ-CP as
# amended and the Politburo's and Secretariat's rules on trips abroad) names who decides: check it.
HEAD_LEVELS = [
    # name, authority that decides, legal basis, order
    ("Ủy viên Ban Thường vụ Tỉnh ủy, lãnh đạo HĐND, UBND tỉnh", "Ban Thường vụ Tỉnh ủy",
     "Quy chế quản lý thống nhất hoạt động đối ngoại của tỉnh (cần kiểm tra)", 1),
    ("Lãnh đạo sở, ban, ngành, địa phương cấp tỉnh", "Chủ tịch UBND tỉnh",
     "Quy chế quản lý thống nhất hoạt động đối ngoại của tỉnh (cần kiểm tra)", 2),
    ("Cán bộ, công chức, viên chức khác", "Thủ trưởng cơ quan được phân cấp (theo quy chế của tỉnh)",
     "Quy chế quản lý thống nhất hoạt động đối ngoại của tỉnh (cần kiểm tra)", 3),
]  # fmt: skip
TIMERS = [
    {
        "code": "outbound_passport_return",
        "name": "Nộp lại hộ chiếu cho cơ quan quản lý sau chuyến đi",
        "working_days": 5,
        "unit": "working_days",
        "anchor": "after_end",
        "legal_basis": (
            "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019; Nghị định 136/2007/NĐ-CP (sửa đổi); "
            "thông tư của Bộ Ngoại giao về hộ chiếu ngoại giao, công vụ (cần kiểm tra)"
        ),
    },
    {
        "code": "outbound_report",
        "name": "Báo cáo kết quả chuyến công tác nước ngoài",
        "working_days": 15,
        "unit": "working_days",
        "anchor": "after_end",
        "legal_basis": "Quy chế quản lý thống nhất hoạt động đối ngoại của tỉnh (cần kiểm tra số ngày)",
    },
]
RULES = [
    # code, name, trigger, offset, recipients
    ("outbound-passport-due-2", "Hộ chiếu đoàn ra đến hạn nộp lại sau 2 ngày làm việc",
     "outbound_passport_return_due", 2, ["responsible_officer", "host_agencies"]),
    ("outbound-passport-due-0", "Hộ chiếu đoàn ra đến hạn nộp lại hôm nay", "outbound_passport_return_due", 0,
     ["responsible_officer", "host_agencies"]),
    ("outbound-passport-overdue", "Hộ chiếu đoàn ra quá hạn nộp lại", "outbound_passport_return_overdue", 0,
     ["responsible_officer", "host_agencies", "protocol"]),
]  # fmt: skip
RETENTION_YEARS = 5
VIEW = [f"outbound.view_{model}" for model in ("outboundtrip", "tripmember", "official")]
CHANGE = [f"outbound.{action}_{model}" for model in ("outboundtrip", "tripmember", "trippassport", "official")
          for action in ("add", "change")]  # fmt: skip
ROLE_PERMISSIONS = {
    "protocol": [*VIEW, "outbound.view_trippassport", *CHANGE],
    "police": [*VIEW, "outbound.view_trippassport"],
    "agency": VIEW,
    "leader": VIEW,
    "admin": [*VIEW, "outbound.view_headlevel", "outbound.change_headlevel", "outbound.add_headlevel",
              "outbound.change_official", "outbound.add_official"],
}  # fmt: skip


def create(apps, schema_editor):
    HeadLevel = apps.get_model("outbound", "HeadLevel")
    for name, authority, basis, order in HEAD_LEVELS:
        HeadLevel.objects.get_or_create(
            name=name, defaults={"deciding_authority": authority, "legal_basis": basis, "order": order}
        )
    Timer = apps.get_model("cases", "Timer")
    for timer in TIMERS:
        Timer.objects.get_or_create(code=timer["code"], defaults=timer)
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for code, name, trigger, offset, audiences in RULES:
        ReminderRule.objects.get_or_create(
            code=code,
            defaults={"name": name, "trigger": trigger, "offset": offset, "day_kind": "working", "audiences": audiences},
        )
    RetentionPeriod = apps.get_model("cases", "RetentionPeriod")
    delegation = RetentionPeriod.objects.filter(kind="delegation").first()
    RetentionPeriod.objects.get_or_create(
        kind="outbound", defaults={"years": delegation.years if delegation else RETENTION_YEARS}
    )
    grant_role_permissions(apps, ROLE_PERMISSIONS)


def remove(apps, schema_editor):
    apps.get_model("notifications", "ReminderRule").objects.filter(code__in=[rule[0] for rule in RULES]).delete()
    apps.get_model("cases", "Timer").objects.filter(code__in=[timer["code"] for timer in TIMERS]).delete()
    apps.get_model("cases", "RetentionPeriod").objects.filter(kind="outbound").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outbound", "0001_initial"),
        ("cases", "0029_review_items_per_kind_and_timer_units"),
        ("notifications", "0006_reminder_rule_history"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(create, remove)]

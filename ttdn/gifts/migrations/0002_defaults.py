"""The gifts register's defaults: the threshold row, the hand-in timer, its reminder rules, a few
budget lines, and the admins' permissions. Each is editable in the admin afterwards."""

from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

TIMER = {
    "name": "Kê khai, nộp lại quà tặng vượt ngưỡng",
    "working_days": 5,
    "anchor": "after_receipt",
    "legal_basis": (
        "Luật Phòng, chống tham nhũng 2018 (Điều 22); Nghị định 59/2019/NĐ-CP (thời hạn: cần kiểm tra lại)"
    ),
}
RULES = [
    # code, name, trigger, offset, day kind, recipients
    ("gift-hand-in-due-2", "Quà tặng đến hạn kê khai, nộp lại sau 2 ngày làm việc", "gift_hand_in_due", 2,
     "working", ["assignee", "responsible_officer"]),
    ("gift-hand-in-overdue", "Quà tặng quá hạn kê khai, nộp lại", "gift_hand_in_overdue", 0, "working",
     ["assignee", "responsible_officer"]),
]  # fmt: skip
BUDGET_LINES = ["Kinh phí đối ngoại của tỉnh", "Kinh phí của cơ quan chủ trì", "Nguồn tài trợ"]
ADMIN = [
    "gifts.view_giftsettings", "gifts.change_giftsettings",
    "gifts.view_budgetline", "gifts.add_budgetline", "gifts.change_budgetline", "gifts.delete_budgetline",
    "gifts.view_giftgiven", "gifts.view_giftreceived",
]  # fmt: skip


def create(apps, schema_editor):
    apps.get_model("gifts", "GiftSettings").objects.get_or_create(pk=1, defaults={"threshold": 500_000})
    apps.get_model("cases", "Timer").objects.get_or_create(code="gift_hand_in", defaults=TIMER)
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for code, name, trigger, offset, day_kind, audiences in RULES:
        ReminderRule.objects.get_or_create(
            code=code,
            defaults={"name": name, "trigger": trigger, "offset": offset, "day_kind": day_kind, "audiences": audiences},
        )
    BudgetLine = apps.get_model("gifts", "BudgetLine")
    for name in BUDGET_LINES:
        BudgetLine.objects.get_or_create(name=name)
    grant_role_permissions(apps, {"admin": ADMIN})


class Migration(migrations.Migration):
    dependencies = [
        ("gifts", "0001_initial"),
        ("cases", "0026_guest_language_and_hosts"),
        ("notifications", "0006_reminder_rule_history"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

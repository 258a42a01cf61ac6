"""The plan's reminder rules (before a task's due date, and after it) and the admins'
permissions to read the plan. The rules are edited in the admin afterwards (offsets, on/off,
recipients)."""

from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

RULES = [
    # code, name, trigger, offset, day kind, recipients
    ("plan-task-due-7", "Nhiệm vụ kế hoạch TTĐN đến hạn sau 7 ngày", "plan_task_due", 7, "calendar", ["assignee"]),
    ("plan-task-overdue", "Nhiệm vụ kế hoạch TTĐN quá hạn", "plan_task_overdue", 0, "calendar", ["assignee"]),
]  # fmt: skip
ADMIN = [
    "plans.view_plan", "plans.add_plan", "plans.change_plan", "plans.view_plantask", "plans.add_plantask",
    "plans.change_plantask", "plans.view_taskprogress", "plans.view_progressfile",
]  # fmt: skip


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
    dependencies = [("plans", "0001_initial"), ("notifications", "0006_reminder_rule_history")]

    operations = [migrations.RunPython(create, remove)]

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.plans.conftest import PlanWorld, report
from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep
from ttdn.plans.models import PlanTask
from ttdn.plans.recurrence import due_dates, next_due, period_start

pytestmark = pytest.mark.django_db
D = datetime.date


def _reminded(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_decree_09_due_dates_of_recurring_tasks() -> None:
    quarterly = PlanTask.Recurrence.QUARTERLY
    assert due_dates(year=2026, due_on=None, recurrence=quarterly) == [
        D(2026, 3, 14),
        D(2026, 6, 14),
        D(2026, 9, 14),
        D(2026, 12, 14),
    ]
    assert due_dates(year=2026, due_on=D(2026, 5, 1), recurrence=quarterly) == [
        D(2026, 5, 1),
        D(2026, 6, 14),
        D(2026, 9, 14),
        D(2026, 12, 14),
    ]
    assert due_dates(year=2026, due_on=None, recurrence=PlanTask.Recurrence.YEARLY) == [D(2026, 12, 14)]
    assert due_dates(year=2026, due_on=D(2026, 4, 2), recurrence="") == [D(2026, 4, 2)]
    assert period_start(due=D(2026, 3, 14), recurrence=quarterly) == D(2025, 12, 15)
    assert period_start(due=D(2026, 12, 14), recurrence=PlanTask.Recurrence.YEARLY) == D(2025, 12, 15)
    assert period_start(due=D(2026, 3, 14), recurrence="") is None


def test_next_due_of_a_quarterly_task_is_the_decree_09_quarter_end(plan_world: PlanWorld) -> None:
    task = plan_world.shared
    task.recurrence, task.due_on = PlanTask.Recurrence.QUARTERLY, None
    assert next_due(task, D(2026, 3, 15)) == D(2026, 6, 14)
    assert next_due(task, D(2026, 12, 15)) is None  # next year's plan gives next year's tasks


def test_staff_of_agencies_not_done_are_reminded_before_the_due_date_once(plan_world: PlanWorld) -> None:
    report(plan_world.shared, plan_world.district_staff, "done", on=D(2026, 6, 20))
    reminders_sweep(today=D(2026, 6, 25))  # the tasks are due on 30 June; the rule: 7 days before
    reminded = _reminded("plan_task_due")
    assert plan_world.culture_staff.pk in reminded and plan_world.police_officer.pk in reminded
    shared_key = f"plan-task-due-7:plan-task:{plan_world.shared.pk}:2026-06-30"
    assert set(Notification.objects.filter(key=shared_key).values_list("recipient_id", flat=True)) == {
        plan_world.culture_staff.pk
    }
    assert plan_world.protocol.pk not in reminded and plan_world.leader.pk not in reminded
    note = Notification.objects.get(key=shared_key)
    assert note.params["path"] == plan_world.shared.get_absolute_url()
    before = Notification.objects.count()
    reminders_sweep(today=D(2026, 6, 26))
    assert Notification.objects.count() == before


def test_overdue_tasks_remind_the_agencies_that_have_not_finished(plan_world: PlanWorld) -> None:
    report(plan_world.shared, plan_world.culture_staff, "done", on=D(2026, 6, 29))
    reminders_sweep(today=D(2026, 7, 1))
    overdue = Notification.objects.filter(kind="plan_task_overdue")
    assert set(overdue.values_list("recipient_id", flat=True)) == {
        plan_world.district_staff.pk, plan_world.police_officer.pk
    }  # fmt: skip
    assert overdue.filter(recipient=plan_world.district_staff).count() == 3  # shared, own, other plan's
    reminders_sweep(today=D(2026, 7, 2))
    assert overdue.count() == 4  # each reminded once


def test_a_quarterly_task_wants_a_report_in_each_period(plan_world: PlanWorld) -> None:
    PlanTask.objects.filter(pk=plan_world.district_only.pk).update(recurrence="quarterly", due_on=None)
    PlanTask.objects.exclude(pk=plan_world.district_only.pk).delete()
    report(plan_world.district_only, plan_world.district_staff, "done", on=D(2026, 3, 1))  # first quarter
    reminders_sweep(today=D(2026, 3, 10))
    assert not _reminded("plan_task_due")
    reminders_sweep(today=D(2026, 6, 10))
    assert _reminded("plan_task_due") == {plan_world.district_staff.pk}
    assert (
        Notification.objects.get().key
        == f"plan-task-due-7:plan-task:{plan_world.district_only.pk}:2026-06-14"
    )


def test_a_reminder_opens_the_task_and_reads_in_vietnamese(plan_world: PlanWorld, client: Client) -> None:
    reminders_sweep(today=D(2026, 6, 25))
    note = Notification.objects.get(recipient=plan_world.culture_staff)
    client.force_login(plan_world.culture_staff)
    listed = client.get(reverse("notifications:list")).content.decode()
    assert "Nhiệm vụ “Quảng bá hình ảnh tỉnh” của Kế hoạch 57/KH-UBND đến hạn ngày 30/06/2026" in listed
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == plan_world.shared.get_absolute_url()

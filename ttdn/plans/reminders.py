"""Reminders of the plan's tasks to the staff of the agencies given them: before a due date, and
once it has passed. An agency whose latest report for the occasion says "done" is not reminded
(for a recurring task: its latest report within the period the due date closes, see
``recurrence.py``). The offsets are the reminder rules' (admin-editable, migration 0002)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.roles import Role
from ttdn.notifications.models import Notification, ReminderRule
from ttdn.notifications.rules import Audience, Directory, Occasion, Trigger, due_window, overdue_before
from ttdn.plans.models import PlanTask, TaskProgress
from ttdn.plans.recurrence import due_dates, period_start

AUDIENCES = frozenset({Audience.ASSIGNEE})
# Reports: (task, agency) -> (reported_on, status) in the order they were made.
Reports = dict[tuple[int, int], list[tuple[datetime.date, str]]]


def _tasks(years: Iterable[int], once_between: tuple[datetime.date, datetime.date]) -> list[PlanTask]:
    recurring_or_in_range = ~Q(recurrence="") | Q(due_on__range=once_between)
    return list(
        PlanTask.objects.filter(recurring_or_in_range, plan__year__in=list(years))
        .select_related("plan")
        .prefetch_related("agencies")
    )


def _reports(tasks: list[PlanTask]) -> Reports:
    found: Reports = defaultdict(list)
    rows = TaskProgress.objects.filter(task__in=[task.pk for task in tasks]).order_by(
        "reported_on", "created_at", "pk"
    )
    for task_id, agency_id, reported_on, status in rows.values_list(
        "task_id", "agency_id", "reported_on", "status"
    ):
        found[(task_id, agency_id)].append((reported_on, status))
    return found


def _done(reports: list[tuple[datetime.date, str]], since: datetime.date | None) -> bool:
    within = [status for day, status in reports if since is None or day >= since]
    return bool(within) and within[-1] == TaskProgress.Status.DONE


def _occasion(task: PlanTask, due: datetime.date, reports: Reports, directory: Directory) -> Occasion | None:
    since = period_start(due=due, recurrence=task.recurrence)
    waiting = [agency.pk for agency in task.agencies.all() if not _done(reports[(task.pk, agency.pk)], since)]
    if not waiting:
        return None
    staff = directory.staff_of(*waiting).union(
        *(directory.staff_with_role(pk, Role.POLICE) for pk in waiting)
    )
    return Occasion(
        key=f"plan-task:{task.pk}:{due:%Y-%m-%d}",
        case_id=None,
        params={
            "date": f"{due:%Y-%m-%d}",
            "title": task.title,
            "plan": task.plan.number,
            "path": task.get_absolute_url(),
        },
        people={Audience.ASSIGNEE: staff},
    )


def _find(
    tasks: list[PlanTask], pick: Callable[[list[datetime.date]], list[datetime.date]], directory: Directory
) -> list[Occasion]:
    reports = _reports(tasks)
    found = []
    for task in tasks:
        for due in pick(due_dates(year=task.plan.year, due_on=task.due_on, recurrence=task.recurrence)):
            occasion = _occasion(task, due, reports, directory)
            if occasion is not None:
                found.append(occasion)
    return found


def _find_due(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    first, last = due_window(rule, today)
    tasks = _tasks(range(first.year - 1, last.year + 2), (first, last))
    return _find(tasks, lambda days: [day for day in days if first <= day <= last], directory)


def _find_overdue(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    before = overdue_before(rule, today)
    # the plans of this year and the last; of a recurring task, only its latest date past
    tasks = _tasks(range(before.year - 1, before.year + 1), (datetime.date(before.year - 1, 1, 1), before))
    return _find(tasks, lambda days: [day for day in days if day < before][-1:], directory)


def _params(notification: Notification) -> dict[str, str]:
    day = notification.params.get("date")
    return {
        "title": notification.params.get("title", ""),
        "plan": notification.params.get("plan", ""),
        "date": datetime.date.fromisoformat(day).strftime("%d/%m/%Y") if day else "",
    }


def _render_due(notification: Notification) -> str:
    return _(
        "The task “%(title)s” of plan %(plan)s is due on %(date)s: report your agency's progress."
    ) % _params(notification)


def _render_overdue(notification: Notification) -> str:
    return _(
        "The task “%(title)s” of plan %(plan)s was due on %(date)s and your agency has not reported it done."
    ) % _params(notification)


PLAN_TASK_DUE = Trigger(
    "plan_task_due", gettext_lazy("A task of the plan is due"), _find_due, _render_due, AUDIENCES
)
PLAN_TASK_OVERDUE = Trigger(
    "plan_task_overdue",
    gettext_lazy("A task of the plan is overdue"),
    _find_overdue,
    _render_overdue,
    AUDIENCES,
    overdue=True,
)

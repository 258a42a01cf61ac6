"""The plan's page: its tasks by the agencies given them, each cell the agency's latest status.

Four queries whatever the number of tasks and agencies: the tasks, their agencies, and the latest
progress of each (task, agency), all through the selectors (an agency's staff see their own
tasks and their own column only)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ttdn.accounts.models import Agency, User
from ttdn.plans.models import Plan, PlanTask, TaskProgress
from ttdn.plans.policy import manages_plans, reporting_agency_id
from ttdn.plans.recurrence import next_due
from ttdn.plans.selectors import latest_progress, progress_visible_to, tasks_visible_to


@dataclass(frozen=True)
class Cell:
    assigned: bool
    css: str = ""  # the status's style, e.g. "plan-status--done"
    label: str = ""
    reported_on: datetime.date | None = None


@dataclass(frozen=True)
class Row:
    task: PlanTask
    next_due: datetime.date | None
    overdue: bool
    cells: list[Cell]


@dataclass(frozen=True)
class Matrix:
    agencies: list[Agency]
    rows: list[Row]
    done: dict[int, int]  # agency pk -> tasks it reports done


def cell_of(progress: TaskProgress | None) -> Cell:
    if progress is None:
        return Cell(True, "plan-status--none", _("No report yet"))
    return Cell(True, f"plan-status--{progress.status}", progress.get_status_display(), progress.reported_on)


def plan_matrix(*, user: User, plan: Plan, today: datetime.date) -> Matrix:
    tasks = list(tasks_visible_to(user).filter(plan=plan).prefetch_related("agencies").order_by("pk"))
    own = None if manages_plans(user) else reporting_agency_id(user)
    columns: dict[int, Agency] = {}
    for task in tasks:
        for agency in task.agencies.all():
            if own is None or agency.pk == own:
                columns.setdefault(agency.pk, agency)
    agencies = sorted(columns.values(), key=lambda agency: agency.name_vi)
    latest = {
        (row.task_id, row.agency_id): row
        for row in latest_progress(progress_visible_to(user).filter(task__plan=plan))
    }
    rows, done = [], dict.fromkeys(columns, 0)
    for task in tasks:
        given = {agency.pk for agency in task.agencies.all()}
        cells, unfinished = [], False
        for agency in agencies:
            if agency.pk not in given:
                cells.append(Cell(False))
                continue
            progress = latest.get((task.pk, agency.pk))
            cells.append(cell_of(progress))
            if progress is not None and progress.status == TaskProgress.Status.DONE:
                done[agency.pk] += 1
            else:
                unfinished = True
        due = next_due(task, today)
        overdue = unfinished and not task.recurrence and task.due_on is not None and task.due_on < today
        rows.append(Row(task, due, overdue, cells))
    return Matrix(agencies, rows, done)

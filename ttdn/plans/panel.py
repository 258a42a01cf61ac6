"""The home page's panel of the plan: the tasks given to the user's agency in this year's plans,
the next due first, with the agency's latest report on each."""

from __future__ import annotations

import datetime
from typing import Any

from ttdn.accounts.models import User
from ttdn.cases.selectors import DASHBOARD_ROWS
from ttdn.plans.matrix import cell_of
from ttdn.plans.models import PlanTask, TaskProgress
from ttdn.plans.policy import reporting_agency_id
from ttdn.plans.recurrence import next_due
from ttdn.plans.selectors import latest_progress


def agency_tasks_panel(user: User, today: datetime.date) -> dict[str, Any] | None:
    agency_id = reporting_agency_id(user)
    if agency_id is None:
        return None
    tasks = list(
        PlanTask.objects.filter(agencies=agency_id, plan__year=today.year)
        .select_related("plan")
        .order_by("pk")
    )
    if not tasks:
        return None
    latest = {
        row.task_id: row
        for row in latest_progress(
            TaskProgress.objects.filter(agency=agency_id, task__in=[t.pk for t in tasks])
        )
    }
    rows = []
    for task in tasks:
        progress = latest.get(task.pk)
        due = next_due(task, today)
        finished = progress is not None and progress.status == TaskProgress.Status.DONE
        # a task due once, past its date and not done: the most urgent, first
        late = task.due_on if due is None and not task.recurrence and not finished else None
        rows.append((task, due, late, cell_of(progress)))
    rows.sort(key=lambda row: (row[2] is None, row[1] or row[2] or datetime.date.max, row[0].pk))
    return {"rows": rows[:DASHBOARD_ROWS], "count": len(rows)}

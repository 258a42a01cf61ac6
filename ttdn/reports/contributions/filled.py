"""What a contribution is filled with: the agency's own figures of the period (the report's
figures as its staff member may see them, through the one selector) and its plan tasks' progress."""

from __future__ import annotations

from typing import Any

from ttdn.accounts.models import Agency, User
from ttdn.plans.models import PlanTask
from ttdn.plans.selectors import progress_for
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures


def agency_figures(*, user: User, period: Period) -> dict[str, Any]:
    """The report of ``period`` counting only the visits ``user`` (of the agency) may see."""
    return report_figures(user, period)


def agency_progress(*, agency: Agency, period: Period) -> list[dict[str, Any]]:
    """Each task of the agency in the plans of the period's years, with the latest progress it
    reported within the period (or none): plan, task, due date, status, text, reported on."""
    latest = {row.task_id: row for row in progress_for(agency, period.start, period.end)}
    tasks = (
        PlanTask.objects.filter(agencies=agency, plan__year__range=(period.start.year, period.end.year))
        .select_related("plan")
        .order_by("plan__year", "plan__pk", "pk")
    )
    rows = []
    for task in tasks:
        progress = latest.get(task.pk)
        rows.append(
            {
                "task": task.pk,
                "plan": task.plan.number,
                "title": task.title,
                "due_on": task.due_on.isoformat() if task.due_on else "",
                "status": progress.status if progress else "",
                "status_label": str(progress.get_status_display()) if progress else "",
                "text": progress.text if progress else "",
                "reported_on": progress.reported_on.isoformat() if progress else "",
            }
        )
    return rows

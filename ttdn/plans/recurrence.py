"""When a task is due: once on its date, or at the end of each reporting period of its plan's year.

A recurring task falls due at the end of the reporting periods of Decree 09/2019/NĐ-CP (Art. 12),
the periods the agencies' reports to the province follow: a quarter runs from the 15th of the
month before it to the 14th of its last month, so a quarterly task is due on 14 March, 14 June,
14 September and 14 December; a yearly one on 14 December (the year runs from 15 December to
14 December). Its ``due_on``, when set, is its first due date. Only the dates of the plan's own
year count: next year's plan gives next year's tasks.
"""

from __future__ import annotations

import datetime

from ttdn.plans.models import PlanTask
from ttdn.reports.periods import Basis, Period


def _periods(year: int, recurrence: str) -> list[Period]:
    """The Decree 09 periods of ``year`` a recurring task reports on (the rule lives in
    ttdn/reports/periods.py)."""
    if recurrence == PlanTask.Recurrence.QUARTERLY:
        return [Period.of_quarter(year, quarter, Basis.DECREE09) for quarter in (1, 2, 3, 4)]
    return [Period.of_year(year, Basis.DECREE09)]


def due_dates(*, year: int, due_on: datetime.date | None, recurrence: str) -> list[datetime.date]:
    """Every date a task of a plan of ``year`` is due, in order."""
    if recurrence not in (PlanTask.Recurrence.QUARTERLY, PlanTask.Recurrence.YEARLY):
        return [due_on] if due_on else []
    ends = [period.end for period in _periods(year, recurrence)]
    if due_on is None:
        return ends
    return [due_on, *(end for end in ends if end > due_on)]


def period_start(*, due: datetime.date, recurrence: str) -> datetime.date | None:
    """The first day of the period a recurring task's report due on ``due`` covers (None: a task
    due once is covered by any report, whenever made)."""
    if recurrence not in (PlanTask.Recurrence.QUARTERLY, PlanTask.Recurrence.YEARLY):
        return None
    quarter = Period.quarter_of(due, Basis.DECREE09)
    return (
        quarter.start
        if recurrence == PlanTask.Recurrence.QUARTERLY
        else Period.of_year(quarter.year or due.year, Basis.DECREE09).start
    )


def next_due(task: PlanTask, today: datetime.date) -> datetime.date | None:
    """The task's first due date from ``today`` on, or None when it has none left."""
    upcoming = [
        day
        for day in due_dates(year=task.plan.year, due_on=task.due_on, recurrence=task.recurrence)
        if day >= today
    ]
    return upcoming[0] if upcoming else None

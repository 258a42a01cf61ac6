"""Reads of the plan that other parts of the system build on."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, QuerySet, Subquery

from ttdn.accounts.models import Agency
from ttdn.plans.models import TaskProgress


def progress_for(agency: Agency, start: datetime.date, end: datetime.date) -> QuerySet[TaskProgress]:
    """The latest progress ``agency`` reported on each of its tasks between ``start`` and ``end``
    (both included), one row per task, in the plan's task order."""
    in_period = TaskProgress.objects.filter(agency=agency, reported_on__range=(start, end))
    latest = in_period.filter(task=OuterRef("task")).order_by("-reported_on", "-created_at", "-pk")
    return (
        in_period.filter(pk=Subquery(latest.values("pk")[:1]), task__agencies=agency)
        .select_related("task", "task__plan")
        .order_by("task__plan", "task")
    )

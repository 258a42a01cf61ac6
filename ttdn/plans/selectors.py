"""Reads of the plan, through the one policy (``ttdn.plans.policy``): the same selector serves the
lists, the pages, the API and the downloads, so what a user can list is what they can open."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from ttdn.accounts.models import Agency
from ttdn.plans.models import Plan, PlanTask, ProgressFile, TaskProgress
from ttdn.plans.policy import manages_plans, reporting_agency_id

AnyUser = AbstractBaseUser | AnonymousUser


def plans_visible_to(user: AnyUser) -> QuerySet[Plan]:
    if manages_plans(user):
        return Plan.objects.all()
    agency_id = reporting_agency_id(user)
    if agency_id is None:
        return Plan.objects.none()
    ours = PlanTask.objects.filter(plan=OuterRef("pk"), agencies=agency_id)
    return Plan.objects.filter(Exists(ours))


def tasks_visible_to(user: AnyUser) -> QuerySet[PlanTask]:
    tasks = PlanTask.objects.select_related("plan")
    if manages_plans(user):
        return tasks
    agency_id = reporting_agency_id(user)
    if agency_id is None:
        return tasks.none()
    return tasks.filter(pk__in=PlanTask.objects.filter(agencies=agency_id).values("pk"))


def progress_visible_to(user: AnyUser) -> QuerySet[TaskProgress]:
    progress = TaskProgress.objects.select_related("task", "task__plan", "agency", "author")
    if manages_plans(user):
        return progress
    agency_id = reporting_agency_id(user)
    if agency_id is None:
        return progress.none()
    return progress.filter(agency=agency_id, task__in=tasks_visible_to(user).values("pk"))


def progress_files_visible_to(user: AnyUser) -> QuerySet[ProgressFile]:
    return ProgressFile.objects.filter(progress__in=progress_visible_to(user).values("pk"))


def latest_progress(progress: QuerySet[TaskProgress]) -> QuerySet[TaskProgress]:
    """Of ``progress``, the latest update of each (task, agency)."""
    latest = progress.filter(task=OuterRef("task"), agency=OuterRef("agency")).order_by(
        "-reported_on", "-created_at", "-pk"
    )
    return progress.filter(pk=Subquery(latest.values("pk")[:1]))


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

"""Writes of the plan: each checks the policy, validates, keeps the history (who changed what)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import Agency, User
from ttdn.cases.files import check_upload
from ttdn.cases.history import stamp
from ttdn.plans.errors import PlanError
from ttdn.plans.models import Plan, PlanTask, ProgressFile, TaskProgress
from ttdn.plans.policy import manages_plans, reporting_agency_id


def _require_manager(actor: User) -> None:
    if not manages_plans(actor):
        raise PlanError(_("Only protocol staff and leaders may change the plan."))


@transaction.atomic
def plan_save(*, actor: User, plan: Plan) -> Plan:
    _require_manager(actor)
    plan.full_clean()
    stamp(plan, actor)
    plan.save()
    return plan


@transaction.atomic
def task_save(*, actor: User, task: PlanTask, agencies: Iterable[Agency]) -> PlanTask:
    _require_manager(actor)
    chosen = list(agencies)
    if not chosen:
        raise ValidationError({"agencies": _("Give the task to at least one agency.")})
    if task.due_on is None and not task.recurrence:
        raise ValidationError({"due_on": _("Give a due date, or make the task recur.")})
    if task.due_on is not None and task.due_on.year != task.plan.year and not task.recurrence:
        raise ValidationError({"due_on": _("The due date falls outside the plan's year.")})
    task.full_clean()
    stamp(task, actor)
    task.save()
    task.agencies.set(chosen)
    return task


REPORT_REFUSAL = gettext_lazy("You may report progress only on the tasks given to your agency.")


def may_report_on(*, actor: User, task: PlanTask) -> bool:
    """Whether ``actor`` reports progress on ``task`` for their agency (one it is given to)."""
    agency_id = reporting_agency_id(actor)
    return agency_id is not None and task.agencies.filter(pk=agency_id).exists()


@transaction.atomic
def progress_add(
    *,
    actor: User,
    task: PlanTask,
    status: str,
    text: str,
    reported_on: datetime.date,
    files: Sequence[UploadedFile] = (),
) -> TaskProgress:
    """Record ``actor``'s agency's progress on ``task``, with its files; all or nothing."""
    if not may_report_on(actor=actor, task=task):
        raise PlanError(str(REPORT_REFUSAL))
    agency_id = reporting_agency_id(actor)
    assert agency_id is not None  # noqa: S101 - may_report_on
    progress = TaskProgress(
        task=task, agency_id=agency_id, status=status, text=text.strip(),
        reported_on=reported_on, author=actor,
    )  # fmt: skip
    progress.full_clean()
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("Progress cannot be reported for a day still to come.")})
    checked = []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from error
    stamp(progress, actor)
    progress.save()
    for upload, content_type in checked:
        ProgressFile.objects.create(
            progress=progress, file=upload, original_name=(upload.name or "")[:255],
            content_type=content_type, size=upload.size or 0,
        )  # fmt: skip
    return progress

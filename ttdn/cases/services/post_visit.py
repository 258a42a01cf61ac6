"""The post-visit report (báo cáo kết quả): a follow-up of its own kind, opened when the visit
completes and due a set number of working days after its end; filing it moves the case to
reported, and its commitments become follow-ups of their own."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.models import Agency, User
from ttdn.cases import kinds
from ttdn.cases.deadlines import add_working_days, timer_due
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Attachment, Case, FollowUp, PostVisitReport
from ttdn.cases.policy import enforce, may_file_report
from ttdn.cases.services.attachments import attachment_store

F = FollowUp.Status
REPORT_TIMER = "post_visit_report"
DEFAULT_REPORT_WORKING_DAYS = 5


@dataclass(frozen=True)
class CommitmentData:
    """Something promised during the visit, owed by one of the host agencies by a date."""

    title: str
    due_date: datetime.date
    assignee_agency: Agency


def report_due_date(case: Case) -> datetime.date:
    """When the report is due: by its kind's timer if the kind has one (set up), else the core's."""
    codes = [kinds.get(case.kind).report_timer if case.kind in kinds.codes() else "", REPORT_TIMER]
    for code in filter(None, codes):
        due = timer_due(code=code, start=case.start_date, end=case.end_date)
        if due is not None:
            return due
    return add_working_days(case.end_date, DEFAULT_REPORT_WORKING_DAYS)


def report_followup_open(*, case: Case, actor: User | None) -> FollowUp | None:
    """Open the report follow-up of a visit that has just completed (once: a case that already has
    a report, open or filed, gets no second one). The lead agency owes it."""
    if case.follow_ups.filter(kind=FollowUp.Kind.REPORT).exclude(status=F.CANCELLED).exists():
        return None
    followup = FollowUp(
        case=case,
        kind=FollowUp.Kind.REPORT,
        title=_("Post-visit report"),
        assignee_agency_id=case.lead_agency_id,
        due_date=report_due_date(case),
        created_by=actor or case.created_by,
    )
    stamp(followup, actor)
    followup.save()
    log_event(
        case=case,
        code="report.opened",
        actor=actor,
        data={"followup": followup.pk, "due_date": followup.due_date.isoformat()},
    )
    return followup


def report_not_filed(case: Case) -> str | None:
    """The condition on marking a case reported by hand: its report is filed (or cancelled)."""
    if case.follow_ups.filter(kind=FollowUp.Kind.REPORT, status=F.OPEN).exists():
        return _("File the post-visit report first (protocol staff may cancel it).")
    return None


@transaction.atomic
def report_file(
    *,
    actor: User,
    followup: FollowUp,
    summary: str,
    outcomes: str = "",
    agreements_signed: str = "",
    commitments: Sequence[CommitmentData] = (),
    uploads: Sequence[UploadedFile] = (),
) -> PostVisitReport:
    """File the report: its follow-up is done, the case is reported, each commitment is a new
    follow-up of the agency that owes it, and the files are kept on the case. All or nothing."""
    followup = FollowUp.objects.select_for_update().select_related("case").get(pk=followup.pk)
    case = Case.objects.select_for_update().get(pk=followup.case_id)
    enforce(may_file_report(user=actor, case=case, followup=followup))
    if not summary.strip():
        raise CaseError(_("Write the summary."))
    hosts = {case.lead_agency_id, *case.co_host_agencies.values_list("pk", flat=True)}
    for commitment in commitments:
        if commitment.assignee_agency.pk not in hosts:
            raise CaseError(_("A commitment is owed by the lead or a co-host agency of this case."))
        if not commitment.title.strip():
            raise CaseError(_("Write what was committed."))

    report = PostVisitReport(
        followup=followup,
        summary=summary.strip(),
        outcomes=outcomes.strip(),
        agreements_signed=agreements_signed.strip(),
        filed_by=actor,
    )
    stamp(report, actor)
    report.save()
    followup.status, followup.result = F.DONE, report.summary
    followup.closed_by, followup.closed_at = actor, timezone.now()
    stamp(followup, actor)
    followup.save()
    log_event(
        case=case,
        code="report.filed",
        actor=actor,
        data={"followup": followup.pk, "report": report.pk, "commitments": len(commitments)},
    )
    for commitment in commitments:
        task = FollowUp(
            case=case,
            title=commitment.title.strip()[:255],
            due_date=commitment.due_date,
            assignee_agency=commitment.assignee_agency,
            created_by=actor,
        )
        stamp(task, actor)
        task.save()
        log_event(
            case=case,
            code="followup.created",
            actor=actor,
            text=task.title,
            data={"followup": task.pk, "due_date": task.due_date.isoformat(), "report": report.pk},
        )
    # Filing the report is what marks the case reported (whoever of the hosts files it).
    from ttdn.cases.services.workflow import case_move  # the workflow imports this module

    case = case_move(case=case, name="report", actor=actor, data={"report": report.pk})
    _keep_files(actor=actor, case=case, uploads=uploads)
    return report


def _keep_files(*, actor: User, case: Case, uploads: Sequence[UploadedFile]) -> None:
    # Files come last: nothing after them can roll the transaction back and orphan a stored file.
    stored: list[Attachment] = []
    try:
        for upload in uploads:
            stored.append(
                attachment_store(
                    actor=actor,
                    case=case,
                    upload=upload,
                    kind=Attachment.Kind.REPORT,
                    description=_("Post-visit report"),
                )
            )
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise

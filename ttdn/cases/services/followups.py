"""Follow-ups after a visit: protocol assigns them; the assignee (a person, or staff of the
agency) marks them done; a case closes only when none is open."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.models import Agency, User
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_event, text_checked
from ttdn.cases.history import stamp
from ttdn.cases.models import Case, FollowUp
from ttdn.cases.policy import enforce, may_add_followup, may_cancel_followup, may_complete_followup

F = FollowUp.Status


@transaction.atomic
def followup_create(
    *,
    actor: User,
    case: Case,
    title: str,
    due_date: datetime.date,
    assignee_user: User | None = None,
    assignee_agency: Agency | None = None,
) -> FollowUp:
    from ttdn.cases.selectors import cases_visible_to

    enforce(may_add_followup(user=actor, case=case))
    if assignee_user is not None and not cases_visible_to(assignee_user).filter(pk=case.pk).exists():
        raise CaseError(
            _("%(name)s may not see this case, so cannot be given a follow-up.") % {"name": assignee_user}
        )
    if assignee_agency is not None and not (
        assignee_agency.pk == case.lead_agency_id
        or case.co_host_agencies.filter(pk=assignee_agency.pk).exists()
    ):
        raise CaseError(_("Only the lead or a co-host agency can be given a follow-up of this case."))
    followup = FollowUp(
        case=case,
        title=title.strip(),
        due_date=due_date,
        assignee_user=assignee_user,
        assignee_agency=assignee_agency,
        created_by=actor,
    )
    followup.full_clean()
    stamp(followup, actor)
    followup.save()
    log_event(
        case=case,
        code="followup.created",
        actor=actor,
        text=followup.title,
        data={"followup": followup.pk, "due_date": followup.due_date.isoformat()},
    )
    return followup


@transaction.atomic
def followup_close(*, actor: User, followup: FollowUp, status: str, result: str = "") -> FollowUp:
    """Mark a follow-up done (with its result) or cancelled (protocol staff only)."""
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if status not in (F.DONE, F.CANCELLED):
        raise CaseError(_("Choose done or cancelled."))
    close = may_complete_followup if status == F.DONE else may_cancel_followup
    enforce(close(user=actor, followup=followup))
    result = text_checked(result)
    if status == F.DONE and not result:
        raise CaseError(_("Write the result."))
    followup.status, followup.result = status, result
    followup.closed_by, followup.closed_at = actor, timezone.now()
    stamp(followup, actor)
    followup.save()
    log_event(
        case=followup.case,
        code=f"followup.{status}",
        actor=actor,
        text=result,
        data={"followup": followup.pk},
    )
    return followup


def no_open_followups(case: Case) -> str | None:
    """The condition on closing a case."""
    count = case.follow_ups.filter(status=F.OPEN).count()
    if count:
        return _("%(count)s follow-up(s) still open: mark them done or cancelled first.") % {"count": count}
    return None

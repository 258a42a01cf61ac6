"""The confidentiality review: referral on submit, assignment, outcome, waiver, staleness.

These services also move the case where the review decides it (back to protocol when the police
need more information, under review once the police work on it); those are not user transitions,
so they are not in the workflow's table.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.models import Agency, User
from ttdn.cases.deadlines import add_working_days, timer_due
from ttdn.cases.errors import CaseError
from ttdn.cases.history import stamp
from ttdn.cases.models import Case, Review, ReviewQuestion, ReviewWaiver
from ttdn.cases.permissions import grant_review
from ttdn.cases.policy import (
    enforce,
    may_answer_review,
    may_assign_review,
    may_be_assigned_review,
    may_decide_review,
    may_waive,
)
from ttdn.notifications.services import notify

POLICE_REVIEW_TIMER = "police_review"
S = Case.Status
R = Review.Status


def police_agency() -> Agency:
    agency = Agency.provincial_police()
    if agency is None:
        raise CaseError(_("No police agency is set up; an administrator must add one (kind: police)."))
    return agency


def review_due_date(case: Case) -> datetime.date:
    due = timer_due(code=POLICE_REVIEW_TIMER, start=case.start_date, end=case.end_date)
    return due or add_working_days(case.start_date, -1)


def latest_review(case: Case) -> Review | None:
    return case.reviews.order_by("-number").first()


def _set_case_status(case: Case, status: str, actor: User | None, reason: str) -> None:
    if case.status != status:
        case.status = status
        stamp(case, actor, reason)
        case.save(update_fields=["status", "updated_at"])


def review_open(*, case: Case, actor: User) -> Review:
    """Refer ``case`` to the police: reopen the review waiting on protocol's answers, or start a
    new one. Called when a case is submitted, and when a change makes the last review stale."""
    open_review = case.reviews.filter(status__in=Review.OPEN).first()
    if open_review is not None:
        if open_review.status == R.MORE_INFO:
            open_review.status = R.PENDING
            stamp(open_review, actor, "answered")
            open_review.save(update_fields=["status"])
        return open_review
    agency = police_agency()
    number = (case.reviews.aggregate(last=Max("number"))["last"] or 0) + 1
    review = Review(case=case, number=number, police_agency=agency, due_date=review_due_date(case))
    review.full_clean()
    stamp(review, actor, "referred")
    review.save()
    grant_review(case=case, agencies=[agency], actor=actor)
    return review


@transaction.atomic
def review_assign(*, actor: User, review: Review, officer: User) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    enforce(may_assign_review(user=actor, review=review))
    enforce(may_be_assigned_review(user=officer, review=review))
    review.assigned_to = officer
    stamp(review, actor, "assigned")
    review.save(update_fields=["assigned_to"])
    case = Case.objects.select_for_update().get(pk=review.case_id)
    if case.status == S.SUBMITTED:
        _set_case_status(case, S.UNDER_REVIEW, actor, "review_assigned")
    return review


@transaction.atomic
def review_record(
    *, actor: User, review: Review, outcome: str, checklist: dict[str, bool], text: str = ""
) -> Review:
    """Record the police's outcome: more information needed (``text`` = the questions), cleared,
    cleared with conditions (``text`` = the conditions) or not cleared (``text`` = the reason)."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    enforce(may_decide_review(user=actor, review=review))
    text = text.strip()
    for name in Review.CHECKLIST:
        setattr(review, name, bool(checklist.get(name)))
    if outcome in (R.CLEARED, R.CLEARED_WITH_CONDITIONS) and not review.checklist_complete:
        raise CaseError(_("Tick every item of the checklist before clearing the case."))
    needs_text: dict[str, str] = {
        R.MORE_INFO: _("Write the questions for protocol."),
        R.CLEARED_WITH_CONDITIONS: _("Write the conditions."),
        R.NOT_CLEARED: _("Give the reason."),
    }
    if outcome not in (R.MORE_INFO, *Review.DECIDED):
        raise CaseError(_("Choose an outcome."))
    if outcome in needs_text and not text:
        raise CaseError(needs_text[outcome])
    case = Case.objects.select_for_update().get(pk=review.case_id)
    review.status = outcome
    review.assigned_to = review.assigned_to or actor
    if outcome == R.MORE_INFO:
        ReviewQuestion.objects.create(review=review, text=text, asked_by=actor)
        # The case goes back to protocol, who answer and submit it again.
        _set_case_status(case, S.DRAFT, actor, "more_info")
    else:
        review.conditions = text if outcome == R.CLEARED_WITH_CONDITIONS else ""
        review.reason = text if outcome == R.NOT_CLEARED else ""
        review.decided_by, review.decided_at = actor, timezone.now()
        if case.status == S.SUBMITTED:
            _set_case_status(case, S.UNDER_REVIEW, actor, "review_decided")
    stamp(review, actor, outcome)
    review.save()
    notify(
        recipients=[case.responsible_officer, case.created_by],
        kind="review_outcome",
        key=f"review:{review.pk}:{outcome}:{len(review.questions.all())}",
        case=case,
        params={"review": review.pk, "number": review.number, "outcome": outcome},
    )
    return review


@transaction.atomic
def review_answer(*, actor: User, review: Review, answer: str) -> ReviewQuestion:
    """Protocol's answer to the police's open questions (then they submit the case again)."""
    enforce(may_answer_review(user=actor, case=review.case))
    question = review.questions.filter(answered_at__isnull=True).order_by("-asked_at").first()
    if question is None or review.status != R.MORE_INFO:
        raise CaseError(_("There is no open question to answer."))
    if not answer.strip():
        raise CaseError(_("Write the answer."))
    question.answer, question.answered_by, question.answered_at = answer.strip(), actor, timezone.now()
    stamp(question, actor)
    question.save()
    return question


@transaction.atomic
def review_waive(*, actor: User, case: Case, reason: str) -> Review:
    """A leader decides the case needs no police review, with the reason."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    enforce(may_waive(user=actor, case=case))
    if not reason.strip():
        raise CaseError(_("Give the reason for the waiver."))
    review = case.reviews.get(status=R.PENDING)
    ReviewWaiver.objects.create(review=review, waived_by=actor, reason=reason.strip())
    review.status = R.WAIVED
    stamp(review, actor, "waived")
    review.save(update_fields=["status"])
    if case.status == S.SUBMITTED:
        _set_case_status(case, S.UNDER_REVIEW, actor, "review_waived")
    return review


def review_after_change(*, case: Case, actor: User) -> None:
    """What the police cleared is what happens: once a review has passed, a change to the
    programme, the participants or the attachments makes it stale, returns the case to under
    review (also from approved or in progress) and opens the next review."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    last = latest_review(case)
    if case.status not in Case.CLEARED or last is None or last.status not in Review.PASSED:
        return
    last.status = R.STALE
    stamp(last, actor, "stale")
    last.save(update_fields=["status"])
    _set_case_status(case, S.UNDER_REVIEW, actor, "changed_after_approval")
    review_open(case=case, actor=actor)


def review_withdraw(*, case: Case, actor: User | None) -> None:
    """A cancelled or rejected case leaves the police's queue."""
    for review in case.reviews.filter(status__in=Review.OPEN):
        review.status = R.WITHDRAWN
        stamp(review, actor, "withdrawn")
        review.save(update_fields=["status"])


def approval_gate(case: Case) -> str | None:
    """The condition on approval: the police cleared the case, or a leader waived the review."""
    last = latest_review(case)
    if last is not None and last.status in Review.PASSED:
        return None
    if last is not None and last.status == R.NOT_CLEARED:
        return _("The police did not clear this case.")
    return _("The police review is not finished (or a leader has not waived it).")


def answered_before_resubmit(case: Case) -> str | None:
    review = case.reviews.filter(status=R.MORE_INFO).first()
    if review is not None and review.questions.filter(answered_at__isnull=True).exists():
        return _("Answer the police's questions before submitting again.")
    return None

"""The confidentiality review: referral on submit, assignment, outcome, waiver, staleness.

These services also move the case where the review decides it (back to protocol when the police
need more information, under review once the police work on it, back to review after a change to
what they cleared): those are the workflow's system transitions (``take_up``, ``return``,
``reopen_review``), made through its one state machine. Each step is an event on the case.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.models import Agency, User
from ttdn.cases.deadlines import add_working_days, timer_due
from ttdn.cases.errors import CaseError, ReviewReopenNeeded
from ttdn.cases.events import log_event, text_checked
from ttdn.cases.history import stamp
from ttdn.cases.models import Case, Review, ReviewQuestion, ReviewWaiver
from ttdn.cases.permissions import grant_review, sync_referral_sight
from ttdn.cases.policy import (
    enforce,
    may_answer_review,
    may_assign_review,
    may_be_assigned_review,
    may_decide_review,
    may_waive,
)
from ttdn.cases.review_checklist import checklist_names
from ttdn.cases.review_scope import reviewed_changes, reviewed_labels
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
    """The case's last review; read from the reviews the case page prefetched when it did (a case
    has a few reviews, so reading them all costs no more than ordering them in SQL)."""
    return max(case.reviews.all(), key=lambda review: review.number, default=None)


def _move(case: Case, name: str, actor: User | None, **data: object) -> Case:
    """Move the case by the workflow's system transition ``name`` (the workflow imports this
    module for its conditions, hence the import here)."""
    from ttdn.cases.services.workflow import case_move

    return case_move(case=case, name=name, actor=actor, data=data)


def _review_data(review: Review) -> dict[str, object]:
    return {"review": review.pk, "number": review.number}


def review_open(*, case: Case, actor: User) -> Review:
    """Refer ``case`` to the police: reopen the review waiting on protocol's answers, or start a
    new one. Called when a case is submitted, and when a change makes the last review stale."""
    open_review = case.reviews.filter(status__in=Review.OPEN).first()
    if open_review is not None:
        if open_review.status == R.MORE_INFO:
            open_review.status = R.PENDING
            stamp(open_review, actor)
            open_review.save(update_fields=["status"])
            log_event(case=case, code="review.resumed", actor=actor, data=_review_data(open_review))
        return open_review
    agency = police_agency()
    number = (case.reviews.aggregate(last=Max("number"))["last"] or 0) + 1
    review = Review(case=case, number=number, police_agency=agency, due_date=review_due_date(case))
    review.full_clean()
    stamp(review, actor)
    review.save()
    grant_review(case=case, agencies=[agency], actor=actor)
    log_event(
        case=case, code="review.referred", actor=actor, data={**_review_data(review), "agency": agency.pk}
    )
    referral_sight_sync(case=case, actor=actor)
    return review


def referral_sight_sync(*, case: Case, actor: User | None) -> None:
    """The referral of a restricted case is the need to know of the police agency's officers:
    they see it from the referral until the review is withdrawn. Called on referral, on
    withdrawal and when a case's access level changes; each grant and withdrawal is an event."""
    granted, withdrawn = sync_referral_sight(case=case, actor=actor)
    for code, agencies in (("access.referral_granted", granted), ("access.referral_withdrawn", withdrawn)):
        for agency in agencies:
            log_event(case=case, code=code, actor=actor, text=agency.name_vi, data={"agency": agency.pk})


@transaction.atomic
def review_assign(*, actor: User, review: Review, officer: User) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    enforce(may_assign_review(user=actor, review=review))
    enforce(may_be_assigned_review(user=officer, review=review))
    review.assigned_to = officer
    stamp(review, actor)
    review.save(update_fields=["assigned_to"])
    case = Case.objects.select_for_update().get(pk=review.case_id)
    log_event(
        case=case,
        code="review.assigned",
        actor=actor,
        text=str(officer),
        data={**_review_data(review), "officer": officer.pk},
    )
    if case.status == S.SUBMITTED:
        _move(case, "take_up", actor, review=review.pk)
    return review


@transaction.atomic
def review_record(
    *, actor: User, review: Review, outcome: str, checklist: dict[str, bool], text: str = ""
) -> Review:
    """Record the police's outcome: more information needed (``text`` = the questions), cleared,
    cleared with conditions (``text`` = the conditions) or not cleared (``text`` = the reason)."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    enforce(may_decide_review(user=actor, review=review))
    text = text_checked(text)
    for name in checklist_names(review.case.kind):
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
    else:
        review.conditions = text if outcome == R.CLEARED_WITH_CONDITIONS else ""
        review.reason = text if outcome == R.NOT_CLEARED else ""
        review.decided_by, review.decided_at = actor, timezone.now()
    stamp(review, actor)
    review.save()
    log_event(case=case, code=f"review.{outcome}", actor=actor, text=text, data=_review_data(review))
    if outcome == R.MORE_INFO:
        # The case goes back to protocol, who answer and submit it again.
        case = _move(case, "return", actor, review=review.pk)
    elif case.status == S.SUBMITTED:
        case = _move(case, "take_up", actor, review=review.pk)
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
    answer = text_checked(answer)
    if not answer:
        raise CaseError(_("Write the answer."))
    question.answer, question.answered_by, question.answered_at = answer, actor, timezone.now()
    stamp(question, actor)
    question.save()
    log_event(case=review.case, code="review.answered", actor=actor, text=answer, data=_review_data(review))
    return question


@transaction.atomic
def review_waive(*, actor: User, case: Case, reason: str) -> Review:
    """A leader decides the case needs no police review, with the reason."""
    reason = text_checked(reason)
    case = Case.objects.select_for_update().get(pk=case.pk)
    enforce(may_waive(user=actor, case=case))
    if not reason:
        raise CaseError(_("Give the reason for the waiver."))
    review = case.reviews.get(status=R.PENDING)
    ReviewWaiver.objects.create(review=review, waived_by=actor, reason=reason)
    review.status = R.WAIVED
    stamp(review, actor)
    review.save(update_fields=["status"])
    log_event(case=case, code="review.waived", actor=actor, text=reason, data=_review_data(review))
    if case.status == S.SUBMITTED:
        _move(case, "take_up", actor, review=review.pk)
    return review


def review_stands(case: Case) -> bool:
    """Has the police's clearance of ``case`` passed and does it still stand (so that a change
    to what it covered would reopen it)?"""
    last = latest_review(case)
    return case.status in Case.CLEARED and last is not None and last.status in Review.PASSED


def review_after_change(
    *, case: Case, actor: User, changed: Collection[str], confirmed: bool = True
) -> list[str]:
    """What the police cleared is what happens: once a review has passed, a change to anything
    it covered (``changed`` names what changed; ttdn.cases.review_scope says what counts) makes
    it stale, returns the case to under review (also from approved or in progress) and opens
    the next review. Unless ``confirmed``, that is refused (ReviewReopenNeeded): the caller's
    transaction then keeps nothing of the change. Returns the labels of the covered changes
    that reopened the review."""
    covered = reviewed_changes(kind=case.kind, changed=changed)
    if not covered:
        return []
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not review_stands(case):
        return []
    labels = reviewed_labels(kind=case.kind, names=covered)
    if not confirmed:
        raise ReviewReopenNeeded(
            _(
                "This sends the case back to the police for review, and then to approval, because you changed: %(fields)s."
            )
            % {"fields": ", ".join(labels)},
            fields=labels,
        )
    last = latest_review(case)
    assert last is not None  # noqa: S101 - review_stands
    last.status = R.STALE
    stamp(last, actor)
    last.save(update_fields=["status"])
    log_event(case=case, code="review.stale", actor=actor, data=_review_data(last))
    if case.status != S.UNDER_REVIEW:  # approved or in progress: back to review and approval
        case = _move(case, "reopen_review", actor, review=last.pk)
    review_open(case=case, actor=actor)
    log_event(case=case, code="review.reopened", actor=actor, data={"fields": covered})
    return labels


def review_withdraw(*, case: Case, actor: User | None) -> None:
    """A cancelled or rejected case leaves the police's queue, and a restricted one their sight
    (unless they hold a need-to-know grant besides the referral)."""
    for review in case.reviews.filter(status__in=Review.OPEN):
        review.status = R.WITHDRAWN
        stamp(review, actor)
        review.save(update_fields=["status"])
        log_event(case=case, code="review.withdrawn", actor=actor, data=_review_data(review))
    referral_sight_sync(case=case, actor=actor)


def approval_gate(case: Case) -> str | None:
    """The condition on approval: the police cleared the case, or a leader waived the review."""
    last = latest_review(case)
    if last is not None and last.status in Review.PASSED:
        return None
    if last is not None and last.status == R.NOT_CLEARED:
        return _("The police did not clear this case.")
    return _("The police review is not finished (or a leader has not waived it).")


def answered_before_resubmit(case: Case) -> str | None:
    if has_open_question(case):
        return _("Answer the police's questions before submitting again.")
    return None


def has_open_question(case: Case) -> bool:
    """A question of the police waits on protocol's answer (from the prefetched reviews and their
    questions on the case page)."""
    return any(
        question.answered_at is None
        for review in case.reviews.all()
        if review.status == R.MORE_INFO
        for question in review.questions.all()
    )

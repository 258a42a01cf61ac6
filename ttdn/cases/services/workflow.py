"""The case workflow: one service per transition, each checking who may do it and what must hold.

draft → submitted → under review → approved | rejected → in progress → completed → reported →
closed, and cancelled from any state before in progress. The core's conditions are added with
``register_condition`` (the police review gates approval; open follow-ups block closing), a
kind's with its registration (``CaseKind.conditions``). Who may move a case is the policy's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, roles_of
from ttdn.cases import kinds
from ttdn.cases.errors import CaseError
from ttdn.cases.history import stamp
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce, may_transition
from ttdn.cases.services.followups import no_open_followups
from ttdn.cases.services.post_visit import report_followup_open, report_not_filed
from ttdn.cases.services.reviews import answered_before_resubmit, approval_gate, review_open, review_withdraw

S = Case.Status

# A condition returns why the transition may not happen now, or None when it may.
Condition = Callable[[Case], str | None]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise
    sources: frozenset[str]
    target: str
    roles: frozenset[Role]
    needs_reason: bool = False
    style: str = "default"  # "primary" or "danger" for the button


def _t(
    name: str, label: Promise, sources: set[str], target: str, roles: set[Role], **options: object
) -> Transition:
    return Transition(name, label, frozenset(sources), target, frozenset(roles), **options)  # type: ignore[arg-type]


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t("submit", gettext_lazy("Submit"), {S.DRAFT}, S.SUBMITTED, {Role.PROTOCOL}, style="primary"),
        _t("approve", gettext_lazy("Approve"), {S.UNDER_REVIEW}, S.APPROVED, {Role.LEADER}, style="primary"),
        _t(
            "reject",
            gettext_lazy("Reject"),
            {S.SUBMITTED, S.UNDER_REVIEW},
            S.REJECTED,
            {Role.LEADER},
            needs_reason=True,
            style="danger",
        ),
        _t("start", gettext_lazy("Start the visit"), {S.APPROVED}, S.IN_PROGRESS, {Role.PROTOCOL}),
        _t("complete", gettext_lazy("Mark completed"), {S.IN_PROGRESS}, S.COMPLETED, {Role.PROTOCOL}),
        _t("report", gettext_lazy("Mark reported"), {S.COMPLETED}, S.REPORTED, {Role.PROTOCOL}),
        _t("close", gettext_lazy("Close"), {S.REPORTED}, S.CLOSED, {Role.PROTOCOL}),
        _t(
            "cancel",
            gettext_lazy("Cancel the case"),
            {S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED},
            S.CANCELLED,
            {Role.PROTOCOL, Role.LEADER},
            needs_reason=True,
            style="danger",
        ),
    ]
}

_conditions: dict[str, list[Condition]] = {name: [] for name in TRANSITIONS}


def register_condition(transition: str, condition: Condition) -> None:
    """Add a rule that must hold for ``transition`` (e.g. the review issue's approval gate)."""
    if condition not in _conditions[transition]:
        _conditions[transition].append(condition)


def _has_participants(case: Case) -> str | None:
    if not case.participants.exists():
        return _("Add at least one participant before submitting.")
    return None


register_condition("submit", _has_participants)
register_condition("submit", answered_before_resubmit)
register_condition("approve", approval_gate)
register_condition("close", no_open_followups)
register_condition("report", report_not_filed)


def _refer_to_police(case: Case, actor: User | None) -> None:
    """Submitting a case refers it to the provincial police for the confidentiality review."""
    assert actor is not None  # noqa: S101 (only a person submits; the calendar never does)
    review_open(case=case, actor=actor)


def _withdraw_review(case: Case, actor: User | None) -> None:
    review_withdraw(case=case, actor=actor)


def _ask_for_report(case: Case, actor: User | None) -> None:
    report_followup_open(case=case, actor=actor)


# What a transition does besides moving the case (the calendar's moves included).
_EFFECTS: dict[str, Callable[[Case, User | None], None]] = {
    "submit": _refer_to_police,
    "cancel": _withdraw_review,
    "reject": _withdraw_review,
    "complete": _ask_for_report,
}


def transitions_for(*, user: User, case: Case) -> list[Transition]:
    """The transitions ``user`` may make on ``case`` now (its state and their roles)."""
    roles = roles_of(user)
    return [t for t in TRANSITIONS.values() if case.status in t.sources and not roles.isdisjoint(t.roles)]


def blockers(*, case: Case, transition: str) -> list[str]:
    """Why ``transition`` cannot happen now: the messages of the conditions that fail (the core's,
    then those the case's kind registered)."""
    conditions = [*_conditions[transition], *kinds.get(case.kind).conditions.get(transition, ())]
    return [message for condition in conditions if (message := condition(case))]


@transaction.atomic
def case_transition(*, actor: User, case: Case, name: str, reason: str = "") -> Case:
    transition = TRANSITIONS[name]
    # Lock the row: two clicks at once move the case once.
    case = Case.objects.select_for_update().get(pk=case.pk)
    enforce(may_transition(user=actor, case=case, name=name))
    reason = reason.strip()
    if transition.needs_reason and not reason:
        raise CaseError(_("Give a reason."))
    case.status = transition.target
    stamp(case, actor, f"{name}: {reason}" if reason else name)
    case.save(update_fields=["status", "updated_at"])
    effect = _EFFECTS.get(name)
    if effect is not None:
        effect(case, actor)
    return case


def case_submit(*, actor: User, case: Case) -> Case:
    return case_transition(actor=actor, case=case, name="submit")


def case_approve(*, actor: User, case: Case) -> Case:
    return case_transition(actor=actor, case=case, name="approve")


def case_reject(*, actor: User, case: Case, reason: str) -> Case:
    return case_transition(actor=actor, case=case, name="reject", reason=reason)


def case_start(*, actor: User, case: Case) -> Case:
    return case_transition(actor=actor, case=case, name="start")


def case_complete(*, actor: User, case: Case) -> Case:
    return case_transition(actor=actor, case=case, name="complete")


def case_mark_reported(*, actor: User, case: Case) -> Case:
    return case_transition(actor=actor, case=case, name="report")


def case_close(*, actor: User, case: Case) -> Case:
    return case_transition(actor=actor, case=case, name="close")


def case_cancel(*, actor: User, case: Case, reason: str) -> Case:
    return case_transition(actor=actor, case=case, name="cancel", reason=reason)


def cases_follow_calendar(*, today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Move approved cases to in progress on their first day, and cases in progress to completed
    after their last (the periodic task calls this; protocol can also do it by hand). A case whose
    start is blocked (a press visit without its written decision) waits. Returns what moved."""
    today = today or timezone.localdate()
    moved: list[tuple[str, str]] = []
    plan = [
        ("start", Case.objects.filter(status=S.APPROVED, start_date__lte=today)),
        ("complete", Case.objects.filter(status=S.IN_PROGRESS, end_date__lt=today)),
    ]
    for name, candidates in plan:
        transition = TRANSITIONS[name]
        for pk in candidates.values_list("pk", flat=True):
            with transaction.atomic():
                case = Case.objects.select_for_update().get(pk=pk)
                if case.status not in transition.sources or blockers(case=case, transition=name):
                    continue
                case.status = transition.target
                stamp(case, None, f"{name}: calendar")
                case.save(update_fields=["status", "updated_at"])
                effect = _EFFECTS.get(name)
                if effect is not None:
                    effect(case, None)
                moved.append((case.reference, case.status))
    return moved

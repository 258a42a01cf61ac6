"""The case workflow: one state machine for every change of a case's status.

draft → submitted → under review → approved | rejected → in progress → completed → reported →
closed, and cancelled from any state before in progress. People make the transitions that name
their roles (``case_transition``; who may is the policy's, ttdn.cases.policy); the system makes
the ones without roles, and the calendar's, the review's, the report's and the import's moves
(``case_move``). Either way the same sources, conditions and effects hold, and the move is one
event on the case (``case.<name>``). The core's conditions are added with ``register_condition``
(the police review gates approval; open follow-ups block closing), a kind's with its
registration (``CaseKind.conditions``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.bulk import chunked
from ttdn.cases import kinds
from ttdn.cases.errors import CaseError, RowError
from ttdn.cases.events import log_event, log_events, register_event, text_checked
from ttdn.cases.history import history_record, stamp
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
    label: str | Promise  # the button
    done: str | Promise  # the event on the timeline
    sources: frozenset[str]
    targets: frozenset[str]  # one, or those the system may choose from (an import)
    roles: frozenset[Role]  # who may make it by hand; none: only the system makes it
    by_system: bool = False  # the system makes it too (the calendar, the review, the report)
    needs_reason: bool = False
    style: str = "default"  # "primary" or "danger" for the button

    @property
    def target(self) -> str:
        (target,) = self.targets
        return target

    @property
    def event(self) -> str:
        return f"case.{self.name}"


def _t(
    name: str,
    label: Promise,
    done: Promise,
    sources: set[str],
    targets: str | set[str],
    roles: set[Role],
    **options: Any,
) -> Transition:
    targets = {targets} if isinstance(targets, str) else targets
    return Transition(name, label, done, frozenset(sources), frozenset(targets), frozenset(roles), **options)


_SYSTEM: set[Role] = set()
# What an import may set besides draft: a visit already over (old logs are history, and no police
# review is opened for them).
PAST_VISIT_STATUSES = frozenset({S.COMPLETED, S.REPORTED, S.CLOSED, S.CANCELLED, S.REJECTED})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t("submit", gettext_lazy("Submit"), gettext_lazy("submitted"), {S.DRAFT}, S.SUBMITTED, {Role.PROTOCOL},
           style="primary"),
        _t("approve", gettext_lazy("Approve"), gettext_lazy("approved"), {S.UNDER_REVIEW}, S.APPROVED,
           {Role.LEADER}, style="primary"),
        _t("reject", gettext_lazy("Reject"), gettext_lazy("rejected"), {S.SUBMITTED, S.UNDER_REVIEW},
           S.REJECTED, {Role.LEADER}, needs_reason=True, style="danger"),
        _t("start", gettext_lazy("Start the visit"), gettext_lazy("visit started"), {S.APPROVED}, S.IN_PROGRESS,
           {Role.PROTOCOL}, by_system=True),
        _t("complete", gettext_lazy("Mark completed"), gettext_lazy("visit completed"), {S.IN_PROGRESS},
           S.COMPLETED, {Role.PROTOCOL}, by_system=True),
        # By hand once the report is filed or cancelled; by the report's filing itself.
        _t("report", gettext_lazy("Mark reported"), gettext_lazy("reported"), {S.COMPLETED}, S.REPORTED,
           {Role.PROTOCOL}, by_system=True),
        _t("close", gettext_lazy("Close"), gettext_lazy("closed"), {S.REPORTED}, S.CLOSED, {Role.PROTOCOL}),
        _t("cancel", gettext_lazy("Cancel the case"), gettext_lazy("cancelled"),
           {S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED}, S.CANCELLED, {Role.PROTOCOL, Role.LEADER},
           needs_reason=True, style="danger"),
        # The police review's moves: an officer takes up (or decides, or a leader waives) a
        # submitted case; the police need more information; a change to what they cleared.
        _t("take_up", gettext_lazy("Take up the review"), gettext_lazy("the police took up the review"),
           {S.SUBMITTED}, S.UNDER_REVIEW, _SYSTEM, by_system=True),
        _t("return", gettext_lazy("Return for more information"),
           gettext_lazy("returned to protocol for more information"), {S.SUBMITTED, S.UNDER_REVIEW}, S.DRAFT,
           _SYSTEM, by_system=True),
        _t("reopen_review", gettext_lazy("Review again"), gettext_lazy("changed after approval: reviewed again"),
           {S.APPROVED, S.IN_PROGRESS}, S.UNDER_REVIEW, _SYSTEM, by_system=True),
        # An old log brought in from a spreadsheet, in the status it had.
        _t("import", gettext_lazy("Import"), gettext_lazy("imported"), {S.DRAFT}, set(PAST_VISIT_STATUSES),
           _SYSTEM, by_system=True),
    ]
}  # fmt: skip

for _transition in TRANSITIONS.values():
    register_event(_transition.event, _transition.done)

_conditions: dict[str, list[Condition]] = {name: [] for name in TRANSITIONS}


def transition_warning(*, case: Case, name: str, today: datetime.date | None = None) -> str | None:
    """What a consequential move will do, for the user to confirm before it is made (None: a
    move that needs no confirmation). Cancelling and rejecting cannot be undone; starting a visit
    before its first day or completing it before its last is most likely a slip."""
    today = today or timezone.localdate()
    facts = {"reference": case.reference, "start": formats.date_format(case.start_date),
             "end": formats.date_format(case.end_date)}  # fmt: skip
    if name == "cancel":
        return (
            _(
                "%(reference)s will be cancelled: it leaves the calendar, the reminders and the report's "
                "counts, an open police check is withdrawn, and a cancelled case cannot be reopened."
            )
            % facts
        )
    if name == "reject":
        return (
            _(
                "%(reference)s will be rejected: the visit will not take place, an open police check is "
                "withdrawn, and a rejected case cannot be reopened."
            )
            % facts
        )
    if name == "start" and today < case.start_date:
        return (
            _("The visit starts on %(start)s. Starting it today marks it in progress before its first day.")
            % facts
        )
    if name == "complete" and today < case.end_date:
        return (
            _(
                "The visit ends on %(end)s. Completing it today marks it completed before its last day, "
                "and its post-visit report falls due."
            )
            % facts
        )
    return None


def register_condition(transition: str, condition: Condition) -> None:
    """Add a rule that must hold for ``transition`` (e.g. the review issue's approval gate)."""
    if condition not in _conditions[transition]:
        _conditions[transition].append(condition)


def _has_participants(case: Case) -> str | None:
    # A kind without foreign guests (CaseKind.foreign_participants) says who must be on it itself.
    if case.kind in kinds.codes() and not kinds.get(case.kind).foreign_participants:
        return None
    if not case.participants.exists():
        return _("Add at least one participant before submitting.")
    return None


def _visit_over(case: Case) -> str | None:
    if case.end_date >= timezone.localdate():
        return _("Only a visit already over is imported in a status other than draft.")
    return None


register_condition("submit", _has_participants)
register_condition("submit", answered_before_resubmit)
register_condition("approve", approval_gate)
register_condition("close", no_open_followups)
register_condition("report", report_not_filed)
register_condition("import", _visit_over)


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


def blockers(*, case: Case, transition: str) -> list[str]:
    """Why ``transition`` cannot happen now: the messages of the conditions that fail (the core's,
    then those the case's kind registered)."""
    conditions = [*_conditions[transition], *kinds.get(case.kind).conditions.get(transition, ())]
    return [message for condition in conditions if (message := condition(case))]


def _check(*, case: Case, transition: Transition, target: str, reason: str) -> None:
    """Refuse the move of ``case`` unless its state, the reason and the conditions allow it."""
    if case.status not in transition.sources:
        raise CaseError(
            _("A case that is %(status)s cannot be moved this way (%(action)s).")
            % {"status": case.get_status_display().lower(), "action": str(transition.label).lower()}
        )
    if target not in transition.targets:
        raise ValueError(f"{transition.name} does not lead to {target!r}")
    if transition.needs_reason and not reason:
        raise CaseError(_("Give a reason."))
    problems = blockers(case=case, transition=transition.name)
    if problems:
        raise CaseError(" ".join(problems))


def _apply(
    *,
    case: Case,
    transition: Transition,
    actor: User | None,
    target: str,
    reason: str,
    data: dict[str, Any],
    fields: Sequence[str] = (),
) -> Case:
    """The one place a case's status changes: check the state and the conditions, move, record
    the event, then the transition's effects. The caller holds the transaction and the row lock.
    ``fields``: others the caller set on ``case`` with the move (the approving decision)."""
    _check(case=case, transition=transition, target=target, reason=reason)
    before = case.status
    case.status = target
    stamp(case, actor)
    case.save(update_fields=["status", "updated_at", *fields])
    log_event(
        case=case,
        code=transition.event,
        actor=actor,
        text=reason,
        data={"from": before, "to": target, **data},
    )
    effect = _EFFECTS.get(transition.name)
    if effect is not None:
        effect(case, actor)
    return case


@dataclass(frozen=True)
class Decision:
    """The document approving a visit (quyết định): its number (blank until it is numbered;
    protocol records it later), its date and who signed it (name and position)."""

    number: str
    date: datetime.date
    signer: str


DECISION_FIELDS = ("decision_number", "decision_date", "decision_signer")


def signer_of(user: User) -> str:
    """How a leader signs: their full name and position."""
    name = user.get_full_name() or user.get_username()
    return f"{name}, {user.position}" if user.position else name


def decision_default(*, actor: User, case: Case) -> Decision:
    """The approving document when the leader says nothing of it: what the case already records
    (protocol may have entered it), else dated today and signed by the approving leader."""
    return Decision(
        number=case.decision_number,
        date=case.decision_date or timezone.localdate(),
        signer=case.decision_signer or signer_of(actor),
    )


def _decision_checked(decision: Decision) -> Decision:
    number, signer = decision.number.strip(), decision.signer.strip()
    if len(number) > Case._meta.get_field("decision_number").max_length:  # type: ignore[operator]
        raise CaseError(_("The decision's number is too long."))
    if not signer:
        raise CaseError(_("Say who signed the decision."))
    if len(signer) > Case._meta.get_field("decision_signer").max_length:  # type: ignore[operator]
        raise CaseError(_("The signer's name and position are too long."))
    return Decision(number=number, date=decision.date, signer=signer)


@transaction.atomic
def case_transition(
    *, actor: User, case: Case, name: str, reason: str = "", decision: Decision | None = None
) -> Case:
    """A transition made by hand, by someone whose role may make it. Approving records the
    approving document (``decision``, or ``decision_default``)."""
    transition = TRANSITIONS[name]
    # Lock the row: two clicks at once move the case once.
    case = Case.objects.select_for_update().get(pk=case.pk)
    enforce(may_transition(user=actor, case=case, name=name))
    fields: tuple[str, ...] = ()
    if name == "approve":
        decision = _decision_checked(decision or decision_default(actor=actor, case=case))
        case.decision_number, case.decision_date, case.decision_signer = (
            decision.number, decision.date, decision.signer
        )  # fmt: skip
        # The history shows them with the move (the case's own changes, beside the event).
        fields = DECISION_FIELDS
    elif decision is not None:
        raise ValueError(f"{name} records no decision")
    return _apply(
        case=case, transition=transition, actor=actor, target=transition.target, reason=text_checked(reason),
        data={}, fields=fields,
    )  # fmt: skip


@transaction.atomic
def case_move(
    *,
    case: Case,
    name: str,
    actor: User | None = None,
    target: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> Case:
    """A transition the system makes as part of another service (the review's, the report's, the
    import's) or on its own (the calendar: ``actor`` None); ``actor`` is who caused it. ``target``
    chooses among the transition's targets where it has several."""
    transition = TRANSITIONS[name]
    if not transition.by_system:
        raise ValueError(f"{name} is made by hand only")
    locked = Case.objects.select_for_update().get(pk=case.pk)
    return _apply(
        case=locked, transition=transition, actor=actor, target=target or transition.target,
        reason=text_checked(reason), data=data or {},
    )  # fmt: skip


@transaction.atomic
def cases_move(
    *,
    cases: Sequence[Case],
    name: str,
    actor: User | None = None,
    targets: Sequence[str] = (),
    data: Sequence[dict[str, Any]] = (),
) -> list[Case]:
    """``case_move`` of many cases at once (an import's moves): the same checks, status, history
    rows and events, in a number of queries that does not grow with the cases up to a batch
    (the effects, where the transition has any, case by case). ``targets`` and ``data`` go
    with ``cases``, one each. A case that may not move raises RowError with its index."""
    transition = TRANSITIONS[name]
    if not transition.by_system:
        raise ValueError(f"{name} is made by hand only")
    targets = list(targets) or [transition.target] * len(cases)
    data = list(data) or [{} for _case in cases]
    status: dict[int, str] = {}
    for chunk in chunked([case.pk for case in cases]):  # locked, as case_move locks its row
        status.update(Case.objects.select_for_update().filter(pk__in=chunk).values_list("pk", "status"))
    for index, (case, target) in enumerate(zip(cases, targets, strict=True)):
        case.status = status[case.pk]
        try:
            _check(case=case, transition=transition, target=target, reason="")
        except CaseError as error:
            raise RowError(error.message, index=index) from error
    before = {case.pk: case.status for case in cases}
    now = timezone.now()
    for target in set(targets):
        moved = [case.pk for case, to in zip(cases, targets, strict=True) if to == target]
        for chunk in chunked(moved):
            Case.objects.filter(pk__in=chunk).update(status=target, updated_at=now)
    for case, target in zip(cases, targets, strict=True):
        case.status, case.updated_at = target, now
        stamp(case, actor)
    history_record(cases, history_type="~", actor=actor)
    log_events(
        code=transition.event,
        actor=actor,
        data_by_case={
            case.pk: {"from": before[case.pk], "to": target, **extra}
            for case, target, extra in zip(cases, targets, data, strict=True)
        },
    )
    effect = _EFFECTS.get(transition.name)
    for case in cases if effect is not None else ():
        effect(case, actor)  # type: ignore[misc]
    return list(cases)


def case_submit(*, actor: User, case: Case) -> Case:
    return case_transition(actor=actor, case=case, name="submit")


def case_approve(*, actor: User, case: Case, decision: Decision | None = None) -> Case:
    return case_transition(actor=actor, case=case, name="approve", decision=decision)


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
                case = case_move(case=case, name=name, data={"calendar": True})
                moved.append((case.reference, case.status))
    return moved

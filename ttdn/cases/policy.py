"""Who may do what to a case, now: one answer for the services, the pages, the templates and the API.

Each rule is a function ``may_<action>(*, user, ...)`` that returns ``None`` when the user may, or
a ``Refusal``: the reason, translated, for the user. Services enforce the rules (``enforce`` raises
``CaseError`` with the reason); views hand ``case_abilities(...)`` to the templates, which only show
an action, hide it, or show it disabled with its reason; they never compare statuses or roles.

A refusal ``by_role`` is about who the user is (a page answers it with 403 and leaves the action
out); any other is about the case's state now (the page may show the action, disabled, with why).
Kinds add rules of their own with their registration (``CaseKind.abilities``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role, roles_of, works_for_agency
from ttdn.cases import kinds
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case, FollowUp, Review

if TYPE_CHECKING:
    from ttdn.cases.services.workflow import Transition


class Refusal(str):
    """Why a user may not do something now: a translated message, usable wherever a ``str`` is."""

    by_role: bool

    def __new__(cls, message: str, *, by_role: bool = False) -> Refusal:
        refusal = super().__new__(cls, message)
        refusal.by_role = by_role
        return refusal


class CaseRule(Protocol):
    def __call__(self, *, user: User, case: Case) -> Refusal | None: ...


def enforce(refusal: Refusal | None) -> None:
    """What a service does with a rule's answer: go on, or refuse with the reason."""
    if refusal is not None:
        raise CaseError(refusal)


def _unless_role(user: User, *roles: Role, message: str) -> Refusal | None:
    return None if has_role(user, *roles) else Refusal(message, by_role=True)


def _unless_unfinished(case: Case, message: str) -> Refusal | None:
    return Refusal(message) if case.is_finished else None


# Cases -------------------------------------------------------------------------------------------


def may_create_case(*, user: User) -> Refusal | None:
    return _unless_role(user, Role.PROTOCOL, message=_("Only protocol staff may create or edit cases."))


def may_edit(*, user: User, case: Case) -> Refusal | None:
    return may_create_case(user=user) or _unless_unfinished(
        case, _("A %(status)s case can no longer be edited.") % {"status": case.get_status_display()}
    )


def may_record_decision(*, user: User) -> Refusal | None:
    """The written decision approving a visit (quyết định), recorded by protocol staff."""
    return may_create_case(user=user)


def may_upload(*, user: User, case: Case) -> Refusal | None:
    return _unless_role(
        user, Role.PROTOCOL, message=_("Only protocol staff may attach files to a case.")
    ) or _unless_unfinished(case, _("Files can no longer be attached to this case."))


def may_record_secrecy_mark(*, user: User, case: Case) -> Refusal | None:
    return _unless_role(
        user, Role.PROTOCOL, message=_("Only protocol staff record secrecy marks.")
    ) or _unless_unfinished(case, _("Secrecy marks can no longer be recorded on this case."))


def may_add_followup(*, user: User, case: Case) -> Refusal | None:
    return _unless_role(
        user, Role.PROTOCOL, message=_("Only protocol staff assign follow-ups.")
    ) or _unless_unfinished(case, _("This case is closed: no more follow-ups."))


def may_print(*, user: User, case: Case) -> Refusal | None:
    """The programme print-out: for whoever may see the case (the selector has said so)."""
    return None


def may_print_for_guests(*, user: User, case: Case) -> Refusal | None:
    """Badges and place cards: the office prints them (they carry the guests' names), and each
    printing is logged on the case."""
    return _unless_role(user, Role.PROTOCOL, message=_("Only protocol staff print badges and place cards."))


def may_verify_badge(*, user: User) -> Refusal | None:
    """The page a badge's QR code opens: the office's staff check who wears it."""
    return _unless_role(user, Role.PROTOCOL, message=_("Only the office's protocol staff may check a badge."))


def may_read_finances(*, user: User) -> Refusal | None:
    """The reception budgets and the gifts registers, of a case or of the year (the report's
    tables, the gifts register): protocol staff, leaders and administrators."""
    return _unless_role(
        user,
        Role.PROTOCOL,
        Role.LEADER,
        Role.ADMIN,
        message=_("Only protocol staff, leaders and administrators see the budget and the gifts."),
    )


def reads_finances(user: User) -> bool:
    """``may_read_finances`` as a yes or no, for the report's sections and the navigation."""
    return may_read_finances(user=user) is None


def may_see_finances(*, user: User, case: Case) -> Refusal | None:
    """The reception budget and the gifts register of a case."""
    return may_read_finances(user=user)


def may_edit_finances(*, user: User, case: Case) -> Refusal | None:
    """Budget lines, actual spending and the gifts register are kept by protocol staff, until the
    case is closed."""
    return _unless_role(
        user, Role.PROTOCOL, message=_("Only protocol staff keep the budget and the gifts register.")
    ) or _unless_unfinished(case, _("The budget and the gifts of this case can no longer be changed."))


def may_record_gift_hand_in(*, user: User, case: Case) -> Refusal | None:
    """The declaration and hand-in of a gift received: protocol staff, whatever the case's status
    (a gift is often handed in after the visit, once its case is closed)."""
    return _unless_role(
        user, Role.PROTOCOL, message=_("Only protocol staff record the declaration and hand-in of a gift.")
    )


def may_manage_access(*, user: User, case: Case) -> Refusal | None:
    """Who knows of a case (the need-to-know list, and the access entries of its history)."""
    return _unless_role(
        user,
        Role.PROTOCOL,
        Role.ADMIN,
        message=_("Only protocol staff and administrators may change who knows of a case."),
    )


def may_revoke_access(*, user: User, case: Case, users: list[User]) -> Refusal | None:
    """Taking oneself off would hide the case from the only person looking after the list."""
    refusal = may_manage_access(user=user, case=case)
    if refusal is None and user in users and not has_role(user, Role.ADMIN):
        return Refusal(_("You cannot take yourself off the list; ask a colleague or an administrator."))
    return refusal


def may_transition(*, user: User, case: Case, name: str) -> Refusal | None:
    """A move of the workflow (its table says who and from where; its conditions, what must hold)."""
    from ttdn.cases.services.workflow import TRANSITIONS, blockers

    transition = TRANSITIONS[name]
    action = str(transition.label).lower()
    if not has_role(user, *transition.roles):
        return Refusal(_("You may not %(action)s this case.") % {"action": action}, by_role=True)
    if case.status not in transition.sources:
        return Refusal(
            _("A case that is %(status)s cannot be moved this way (%(action)s).")
            % {"status": case.get_status_display().lower(), "action": action}
        )
    problems = blockers(case=case, transition=name)
    return Refusal(" ".join(problems)) if problems else None


# The confidentiality review ------------------------------------------------------------------------


def may_answer_review(*, user: User, case: Case) -> Refusal | None:
    refusal = _unless_role(
        user, Role.PROTOCOL, message=_("Only protocol staff answer the police's questions.")
    )
    if refusal is not None:
        return refusal
    from ttdn.cases.services.reviews import has_open_question

    return None if has_open_question(case) else Refusal(_("There is no open question to answer."))


def may_waive(*, user: User, case: Case) -> Refusal | None:
    """A leader decides the case needs no police review: while the police have not decided."""
    refusal = _unless_role(user, Role.LEADER, message=_("Only a leader may waive the police review."))
    if refusal is not None:
        return refusal
    from ttdn.cases.services.reviews import latest_review

    last = latest_review(case)
    if last is not None and last.status == Review.Status.PENDING:
        return None
    if last is not None and last.status == Review.Status.NOT_CLEARED:
        return Refusal(_("The police did not clear this case; it cannot be waived."))
    return Refusal(_("There is no review waiting to be waived."))


def may_use_review_queue(*, user: User) -> Refusal | None:
    return _unless_role(user, Role.POLICE, message=_("Only police officers review cases."))


def may_work_review(*, user: User, review: Review) -> Refusal | None:
    """The officers of the police agency the case was referred to, who may see the case."""
    from ttdn.cases.selectors import cases_visible_to

    if not has_role(user, Role.POLICE) or user.agency_id != review.police_agency_id:
        return Refusal(
            _("Only officers of %(agency)s may work on this review.") % {"agency": review.police_agency},
            by_role=True,
        )
    if not cases_visible_to(user).filter(pk=review.case_id).exists():
        # A restricted case needs a need-to-know grant besides the referral.
        return Refusal(_("You may not see this case; ask protocol staff for need-to-know access."))
    return None


def may_be_assigned_review(*, user: User, review: Review) -> Refusal | None:
    """Who a review can be assigned to: an active officer of the police agency it was referred to."""
    if user.is_active and has_role(user, Role.POLICE) and user.agency_id == review.police_agency_id:
        return None
    return Refusal(
        _("%(name)s is not an officer of %(agency)s.") % {"name": user, "agency": review.police_agency},
        by_role=True,
    )


def may_assign_review(*, user: User, review: Review) -> Refusal | None:
    return may_work_review(user=user, review=review) or (
        None if review.is_open else Refusal(_("This review is closed."))
    )


def may_decide_review(*, user: User, review: Review) -> Refusal | None:
    return may_work_review(user=user, review=review) or (
        None
        if review.status == Review.Status.PENDING
        else Refusal(_("This review is not waiting for the police."))
    )


# Follow-ups and the post-visit report ------------------------------------------------------------------


def _owes(user: User, followup: FollowUp) -> bool:
    """Protocol staff, the person it is assigned to, or staff of the agency it is assigned to (not
    its leaders: ``works_for_agency``)."""
    if has_role(user, Role.PROTOCOL) or followup.assignee_user_id == user.pk:
        return True
    return (
        followup.assignee_agency_id is not None
        and followup.assignee_agency_id == user.agency_id
        and has_role(user, Role.AGENCY)
        and works_for_agency(roles_of(user))
    )


def may_close_followup(*, user: User, followup: FollowUp) -> Refusal | None:
    """Close a follow-up at all (done or cancelled)."""
    if not _owes(user, followup):
        return Refusal(_("Only the assignee or protocol staff may close this follow-up."), by_role=True)
    if followup.status != FollowUp.Status.OPEN:
        return Refusal(_("This follow-up is already closed."))
    return None


def may_complete_followup(*, user: User, followup: FollowUp) -> Refusal | None:
    """Mark it done, with its result (a post-visit report is done by filing it)."""
    return may_close_followup(user=user, followup=followup) or (
        Refusal(_("A post-visit report is done when it is filed: use its form."))
        if followup.kind == FollowUp.Kind.REPORT
        else None
    )


def may_cancel_followup(*, user: User, followup: FollowUp) -> Refusal | None:
    return may_close_followup(user=user, followup=followup) or _unless_role(
        user, Role.PROTOCOL, message=_("Only protocol staff cancel a follow-up.")
    )


def may_file_report(*, user: User, case: Case, followup: FollowUp) -> Refusal | None:
    """File the post-visit report ``followup`` of ``case``: whoever owes it, once the visit is completed."""
    if followup.kind != FollowUp.Kind.REPORT:
        return Refusal(_("This follow-up is not a post-visit report."))
    if not _owes(user, followup):
        return Refusal(_("Only the host agency or protocol staff file this report."), by_role=True)
    if followup.status != FollowUp.Status.OPEN:
        return Refusal(_("This report is already filed or cancelled."))
    if case.status != Case.Status.COMPLETED:
        return Refusal(_("The report is filed once the visit is completed."))
    return None


# What the pages show ---------------------------------------------------------------------------------

CASE_RULES: dict[str, CaseRule] = {
    "edit": may_edit,
    "upload": may_upload,
    "record_secrecy_mark": may_record_secrecy_mark,
    "add_followup": may_add_followup,
    "print": may_print,
    "print_for_guests": may_print_for_guests,
    "see_finances": may_see_finances,
    "edit_finances": may_edit_finances,
    "record_gift_hand_in": may_record_gift_hand_in,
    "manage_access": may_manage_access,
    "answer_review": may_answer_review,
    "waive": may_waive,
}


@dataclass(frozen=True)
class Ability:
    """One rule's answer, for a template: true when allowed; ``reason`` says why not; ``shown``
    when the page should show the action (allowed, or refused for the case's state only)."""

    refusal: Refusal | None

    def __bool__(self) -> bool:
        return self.refusal is None

    @property
    def reason(self) -> str:
        return str(self.refusal or "")

    @property
    def shown(self) -> bool:
        return self.refusal is None or not self.refusal.by_role


class Abilities(Mapping[str, Ability]):
    """The abilities of ``user`` on ``case``: the core's and the case's kind's, each asked once,
    when a template first uses it (``{% if abilities.edit %}``)."""

    def __init__(self, *, user: User, case: Case) -> None:
        self.user, self.case = user, case
        self._rules: dict[str, CaseRule] = {**CASE_RULES, **kinds.get(case.kind).abilities}
        self._answers: dict[str, Ability] = {}

    def __getitem__(self, name: str) -> Ability:
        if name not in self._answers:
            self._answers[name] = Ability(self._rules[name](user=self.user, case=self.case))
        return self._answers[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def transitions(self) -> list[tuple[Transition, Ability]]:
        """The workflow's moves this user could make from the case's state, each allowed or
        refused by its conditions (with their reasons)."""
        from ttdn.cases.services.workflow import TRANSITIONS

        answers = [
            (transition, Ability(may_transition(user=self.user, case=self.case, name=transition.name)))
            for transition in TRANSITIONS.values()
            if self.case.status in transition.sources
        ]
        return [(transition, ability) for transition, ability in answers if ability.shown]


def case_abilities(*, user: User, case: Case) -> Abilities:
    return Abilities(user=user, case=case)

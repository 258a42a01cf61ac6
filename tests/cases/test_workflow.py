from __future__ import annotations

import pytest

from tests.factories import file_report, make_delegation, police_clear
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case
from ttdn.cases.policy import case_abilities
from ttdn.cases.services import workflow
from ttdn.cases.services.workflow import case_transition, register_condition

pytestmark = pytest.mark.django_db
S = Case.Status

# transition, status before, status after, role that may make it
ALLOWED = [
    ("submit", S.DRAFT, S.SUBMITTED, Role.PROTOCOL),
    ("reject", S.SUBMITTED, S.REJECTED, Role.LEADER),
    ("approve", S.UNDER_REVIEW, S.APPROVED, Role.LEADER),
    ("reject", S.UNDER_REVIEW, S.REJECTED, Role.LEADER),
    ("start", S.APPROVED, S.IN_PROGRESS, Role.PROTOCOL),
    ("complete", S.IN_PROGRESS, S.COMPLETED, Role.PROTOCOL),
    ("report", S.COMPLETED, S.REPORTED, Role.PROTOCOL),
    ("close", S.REPORTED, S.CLOSED, Role.PROTOCOL),
    ("cancel", S.DRAFT, S.CANCELLED, Role.PROTOCOL),
    ("cancel", S.APPROVED, S.CANCELLED, Role.LEADER),
]


def _case_in(status: str, actor) -> Case:
    """A case in ``status`` whose police review (if it has reached one) is cleared."""
    case = make_delegation(actor=actor)
    if status != S.DRAFT:
        case = police_clear(case_transition(actor=actor, case=case, name="submit"))
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(("name", "before", "after", "role"), ALLOWED)
def test_each_transition_moves_the_case_and_records_actor_and_reason(
    make_user, protocol, name, before, after, role
):
    case = _case_in(before, protocol)
    actor = make_user(role)

    moved = case_transition(actor=actor, case=case, name=name, reason="Lý do")

    assert moved.status == after
    last = moved.history.first()
    assert last.history_user == actor
    assert last.status == after
    event = moved.events.get(code=f"case.{name}")
    assert (event.actor, event.text, event.data) == (actor, "Lý do", {"from": before, "to": after})


@pytest.mark.parametrize(("name", "before", "after", "role"), ALLOWED)
def test_each_transition_is_refused_to_other_roles(make_user, protocol, name, before, after, role):
    case = _case_in(before, protocol)
    others = [r for r in Role if r not in workflow.TRANSITIONS[name].roles]

    for other in others:
        with pytest.raises(CaseError, match="may not"):
            case_transition(actor=make_user(other), case=case, name=name, reason="x")
    case.refresh_from_db()
    assert case.status == before


@pytest.mark.parametrize(
    "status", [S.IN_PROGRESS, S.COMPLETED, S.REPORTED, S.CLOSED, S.REJECTED, S.CANCELLED]
)
def test_cancel_is_refused_from_in_progress_on(protocol, status) -> None:
    case = _case_in(status, protocol)

    with pytest.raises(CaseError, match="cannot be moved this way"):
        case_transition(actor=protocol, case=case, name="cancel", reason="Hoãn")


def test_approval_is_refused_from_draft(protocol, leader) -> None:
    case = _case_in(S.DRAFT, protocol)

    with pytest.raises(CaseError, match="cannot be moved this way"):
        workflow.case_approve(actor=leader, case=case)


def test_reject_and_cancel_need_a_reason(protocol, leader) -> None:
    case = _case_in(S.UNDER_REVIEW, protocol)

    with pytest.raises(CaseError, match="Give a reason"):
        workflow.case_reject(actor=leader, case=case, reason="  ")
    with pytest.raises(CaseError, match="Give a reason"):
        workflow.case_cancel(actor=protocol, case=case, reason="")


def test_submitting_needs_a_participant(protocol) -> None:
    case = make_delegation(actor=protocol, participants=0)

    with pytest.raises(CaseError, match="at least one participant"):
        workflow.case_submit(actor=protocol, case=case)


def test_a_registered_condition_gates_its_transition(protocol, leader, monkeypatch) -> None:
    monkeypatch.setitem(workflow._conditions, "approve", [])
    register_condition("approve", lambda case: "The police have not cleared it." if case.pk else None)
    case = _case_in(S.UNDER_REVIEW, protocol)

    with pytest.raises(CaseError, match="not cleared"):
        workflow.case_approve(actor=leader, case=case)
    assert workflow.blockers(case=case, transition="approve") == ["The police have not cleared it."]


def test_the_whole_path_from_draft_to_closed(protocol, leader) -> None:
    case = make_delegation(actor=protocol)
    case = police_clear(case_transition(actor=protocol, case=case, name="submit"))
    for name, actor in [("approve", leader), ("start", protocol), ("complete", protocol)]:
        case = case_transition(actor=actor, case=case, name=name)
    case = file_report(case, protocol)
    case = case_transition(actor=protocol, case=case, name="close")

    assert case.status == S.CLOSED
    moves = list(
        case.events.filter(code__startswith="case.").order_by("at", "pk").values_list("code", flat=True)
    )
    assert moves == ["case.created", "case.submit", "case.take_up", "case.approve", "case.start",
                     "case.complete", "case.report", "case.close"]  # fmt: skip


def test_transitions_offered_match_role_and_state(protocol, leader) -> None:
    case = _case_in(S.UNDER_REVIEW, protocol)

    assert _offered(leader, case) == ["approve", "reject", "cancel"]
    assert _offered(protocol, case) == ["cancel"]


def _offered(user, case) -> list[str]:
    return [transition.name for transition, _ability in case_abilities(user=user, case=case).transitions()]


SYSTEM_TRANSITIONS = ["take_up", "return", "reopen_review", "import"]


@pytest.mark.parametrize("name", SYSTEM_TRANSITIONS)
def test_system_transitions_are_made_by_no_role(make_user, protocol, name) -> None:
    case = _case_in(next(iter(workflow.TRANSITIONS[name].sources)), protocol)

    assert workflow.TRANSITIONS[name].roles == frozenset()
    for role in Role:
        assert name not in _offered(make_user(role), case)
        with pytest.raises(CaseError, match="may not"):
            case_transition(actor=make_user(role), case=case, name=name)


def test_the_system_makes_only_the_transitions_it_is_given(protocol) -> None:
    case = _case_in(S.UNDER_REVIEW, protocol)

    with pytest.raises(ValueError, match="by hand only"):
        workflow.case_move(case=case, name="approve")
    with pytest.raises(CaseError, match="cannot be moved"):
        workflow.case_move(case=case, name="take_up")  # not submitted any more
    assert Case.objects.get(pk=case.pk).status == S.UNDER_REVIEW


def test_the_police_review_moves_the_case_through_the_workflow(protocol) -> None:
    from tests.factories import police_officer
    from ttdn.cases.models import Review
    from ttdn.cases.services.reviews import review_answer, review_assign, review_record

    case = case_transition(actor=protocol, case=make_delegation(actor=protocol), name="submit")
    officer = police_officer()
    review = review_assign(actor=officer, review=case.reviews.get(), officer=officer)
    review_record(
        actor=officer, review=review, outcome=Review.Status.MORE_INFO, checklist={}, text="Ai phiên dịch?"
    )
    review_answer(actor=protocol, review=Review.objects.get(pk=review.pk), answer="Sở Ngoại vụ.")

    codes = list(case.events.order_by("at", "pk").values_list("code", "actor", "text"))
    assert codes[-5:] == [
        ("review.assigned", officer.pk, str(officer)),
        ("case.take_up", officer.pk, ""),
        ("review.more_info", officer.pk, "Ai phiên dịch?"),
        ("case.return", officer.pk, ""),
        ("review.answered", protocol.pk, "Sở Ngoại vụ."),
    ]
    assert case.events.get(code="case.return").data == {
        "from": "under_review",
        "to": "draft",
        "review": review.pk,
    }


def test_a_change_after_approval_goes_back_to_review_through_the_workflow(protocol, leader) -> None:
    from ttdn.cases.services.cases import CaseData, ProgrammeData, case_update

    case = make_delegation(actor=protocol, programme=1)
    case = workflow.case_approve(actor=leader, case=police_clear(case_transition(actor=protocol, case=case,
                                                                                  name="submit")))  # fmt: skip
    item = case.programme_items.get()
    programme = [ProgrammeData(start=item.start, end=item.end, place="Nơi khác", activity=item.activity)]

    case = case_update(
        actor=protocol, case=case, data=CaseData(fields={}, participants=None, programme=programme)
    )

    assert case.status == S.UNDER_REVIEW
    event = case.events.get(code="case.reopen_review")
    assert (event.actor, event.data["from"], event.data["to"]) == (protocol, S.APPROVED, S.UNDER_REVIEW)
    assert case.events.filter(code="review.stale").count() == 1
    assert case.events.filter(code="review.referred").count() == 2

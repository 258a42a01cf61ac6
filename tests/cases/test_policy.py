"""The policy (ttdn.cases.policy): each ability answers None when allowed and the reason when not,
and says whether the refusal is about who the user is or about the case's state."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_agency, make_delegation, make_press_visit, police_clear, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases import policy
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case, FollowUp, Review
from ttdn.cases.services.followups import followup_create
from ttdn.cases.services.reviews import review_record
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db
S = Case.Status
TODAY = timezone.localdate()


def _in(case: Case, status: str) -> Case:
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


def _refused(refusal: policy.Refusal | None, text: str, *, by_role: bool) -> None:
    assert refusal is not None, f"expected a refusal ({text})"
    assert text in refusal
    assert refusal.by_role is by_role


@pytest.fixture
def case(protocol) -> Case:
    return make_delegation(actor=protocol)


@pytest.fixture
def agency_staff(make_user, case):
    return make_user(Role.AGENCY, agency=case.lead_agency)


def test_protocol_creates_and_edits_and_nobody_else(protocol, agency_staff, leader) -> None:
    assert policy.may_create_case(user=protocol) is None
    for user in (agency_staff, leader):
        _refused(policy.may_create_case(user=user), "Only protocol staff may create or edit", by_role=True)


def test_agency_staff_may_not_edit(case, agency_staff) -> None:
    _refused(policy.may_edit(user=agency_staff, case=case), "Only protocol staff", by_role=True)


@pytest.mark.parametrize("status", sorted(Case.FINISHED))
def test_a_finished_case_may_not_be_edited(case, protocol, status) -> None:
    _refused(policy.may_edit(user=protocol, case=_in(case, status)), "can no longer be edited", by_role=False)


@pytest.mark.parametrize("status", sorted(Case.EDITABLE))
def test_protocol_edits_a_case_until_it_is_finished(case, protocol, status) -> None:
    assert policy.may_edit(user=protocol, case=_in(case, status)) is None


def test_uploads_secrecy_marks_and_follow_ups_are_protocols_until_the_case_is_finished(
    case, protocol, agency_staff
) -> None:
    rules = {
        policy.may_upload: "Files can no longer be attached",
        policy.may_record_secrecy_mark: "Secrecy marks can no longer be recorded",
        policy.may_add_followup: "no more follow-ups",
    }
    for rule in rules:
        assert rule(user=protocol, case=case) is None
        _refused(rule(user=agency_staff, case=case), "Only protocol staff", by_role=True)
    _in(case, S.CANCELLED)
    for rule, finished in rules.items():
        _refused(rule(user=protocol, case=case), finished, by_role=False)


def test_everyone_who_sees_the_case_may_print_its_programme(case, agency_staff) -> None:
    assert policy.may_print(user=agency_staff, case=case) is None


def test_protocol_and_admins_manage_access_and_nobody_takes_themselves_off(
    case, protocol, leader, make_user
) -> None:
    admin = make_user(Role.ADMIN)
    assert policy.may_manage_access(user=protocol, case=case) is None
    assert policy.may_manage_access(user=admin, case=case) is None
    _refused(policy.may_manage_access(user=leader, case=case), "Only protocol staff and admin", by_role=True)

    _refused(policy.may_revoke_access(user=protocol, case=case, users=[protocol]), "yourself", by_role=False)
    assert policy.may_revoke_access(user=protocol, case=case, users=[admin]) is None
    assert policy.may_revoke_access(user=admin, case=case, users=[admin]) is None


def test_transitions_follow_the_workflows_table_and_conditions(case, protocol, leader) -> None:
    assert policy.may_transition(user=protocol, case=case, name="submit") is None
    _refused(policy.may_transition(user=leader, case=case, name="submit"), "You may not submit", by_role=True)
    _refused(
        policy.may_transition(user=protocol, case=case, name="close"),
        "cannot be moved this way",
        by_role=False,
    )
    submitted = _in(case_submit(actor=protocol, case=case), S.UNDER_REVIEW)
    # The condition (the police have not decided) is said, for the leader who could approve.
    _refused(
        policy.may_transition(user=leader, case=submitted, name="approve"), "police review", by_role=False
    )
    assert policy.may_transition(user=leader, case=police_clear(submitted), name="approve") is None


def test_the_press_visits_start_needs_the_written_decision(protocol) -> None:
    visit = _in(make_press_visit(actor=protocol), S.APPROVED)

    _refused(
        policy.may_transition(user=protocol, case=visit, name="start"), "written approval", by_role=False
    )
    Case.objects.filter(pk=visit.pk).update(decision_number="123/QĐ-UBND")
    visit.refresh_from_db()
    assert policy.may_transition(user=protocol, case=visit, name="start") is None


def _ask(case: Case) -> Review:
    review = case.reviews.get(status=Review.Status.PENDING)
    review_record(
        actor=police_officer(),
        review=review,
        outcome=Review.Status.MORE_INFO,
        checklist={},
        text="Ai là trưởng đoàn?",
    )
    return review


def test_protocol_answers_the_polices_open_question(case, protocol, leader) -> None:
    case = case_submit(actor=protocol, case=case)
    _refused(policy.may_answer_review(user=protocol, case=case), "no open question", by_role=False)
    _ask(case)

    assert policy.may_answer_review(user=protocol, case=case) is None
    _refused(policy.may_answer_review(user=leader, case=case), "Only protocol staff answer", by_role=True)


def test_a_leader_waives_a_review_while_the_police_have_not_decided(case, protocol, leader) -> None:
    _refused(policy.may_waive(user=leader, case=case), "no review waiting", by_role=False)
    case = case_submit(actor=protocol, case=case)

    assert policy.may_waive(user=leader, case=case) is None
    _refused(policy.may_waive(user=protocol, case=case), "Only a leader", by_role=True)
    review = case.reviews.get()
    review_record(
        actor=police_officer(),
        review=review,
        outcome=Review.Status.NOT_CLEARED,
        checklist={},
        text="Khu vực cấm.",
    )
    _refused(policy.may_waive(user=leader, case=case), "did not clear this case", by_role=False)


def test_the_review_is_the_referred_police_agencys_work(case, protocol, make_user) -> None:
    review = case_submit(actor=protocol, case=case).reviews.get()
    officer = police_officer()
    other_police = make_user(Role.POLICE, agency=make_agency())  # not the agency it was referred to

    assert policy.may_use_review_queue(user=officer) is None
    _refused(policy.may_use_review_queue(user=protocol), "Only police officers", by_role=True)
    for rule in (policy.may_work_review, policy.may_decide_review, policy.may_assign_review):
        assert rule(user=officer, review=review) is None
        _refused(rule(user=other_police, review=review), "Only officers of", by_role=True)
    assert policy.may_be_assigned_review(user=officer, review=review) is None
    _refused(
        policy.may_be_assigned_review(user=other_police, review=review), "is not an officer", by_role=True
    )

    Review.objects.filter(pk=review.pk).update(status=Review.Status.CLEARED)
    review.refresh_from_db()
    _refused(
        policy.may_decide_review(user=officer, review=review), "not waiting for the police", by_role=False
    )
    _refused(policy.may_assign_review(user=officer, review=review), "closed", by_role=False)


def test_a_follow_up_is_closed_by_its_assignee_and_cancelled_by_protocol(
    case, protocol, agency_staff, make_user
) -> None:
    followup = followup_create(
        actor=protocol, case=case, title="Gửi thư cảm ơn", due_date=TODAY, assignee_agency=case.lead_agency
    )
    outsider = make_user(Role.AGENCY, agency=make_agency())

    assert policy.may_complete_followup(user=agency_staff, followup=followup) is None
    assert policy.may_cancel_followup(user=protocol, followup=followup) is None
    _refused(
        policy.may_cancel_followup(user=agency_staff, followup=followup),
        "Only protocol staff cancel",
        by_role=True,
    )
    _refused(policy.may_close_followup(user=outsider, followup=followup), "Only the assignee", by_role=True)
    FollowUp.objects.filter(pk=followup.pk).update(status=FollowUp.Status.DONE)
    followup.refresh_from_db()
    _refused(
        policy.may_complete_followup(user=agency_staff, followup=followup), "already closed", by_role=False
    )


def test_the_post_visit_report_is_filed_by_who_owes_it_once_the_visit_is_completed(
    case, protocol, agency_staff, leader
) -> None:
    report = FollowUp.objects.create(
        case=case,
        kind=FollowUp.Kind.REPORT,
        title="Báo cáo",
        due_date=TODAY + datetime.timedelta(days=5),
        assignee_agency=case.lead_agency,
        created_by=protocol,
    )
    _refused(
        policy.may_file_report(user=agency_staff, case=case, followup=report),
        "once the visit is completed",
        by_role=False,
    )
    case = _in(case, S.COMPLETED)

    assert policy.may_file_report(user=agency_staff, case=case, followup=report) is None
    assert policy.may_file_report(user=protocol, case=case, followup=report) is None
    _refused(
        policy.may_file_report(user=leader, case=case, followup=report), "Only the host agency", by_role=True
    )
    _refused(policy.may_complete_followup(user=protocol, followup=report), "use its form", by_role=False)


def test_press_visits_add_recording_the_coverage(protocol, make_user) -> None:
    visit = make_press_visit(actor=protocol)
    delegation = make_delegation(actor=protocol)
    host = make_user(Role.AGENCY, agency=visit.lead_agency)

    assert policy.case_abilities(user=protocol, case=visit)["record_coverage"]
    refused = policy.case_abilities(user=host, case=visit)["record_coverage"]
    assert not refused and "Only protocol staff record the coverage" in refused.reason and not refused.shown
    assert "record_coverage" not in policy.case_abilities(user=protocol, case=delegation)


def test_abilities_are_true_when_allowed_and_carry_the_reason(case, protocol, agency_staff) -> None:
    mine = policy.case_abilities(user=protocol, case=_in(case, S.CLOSED))
    theirs = policy.case_abilities(user=agency_staff, case=case)

    assert mine["print"] and mine["print"].reason == ""
    assert not mine["edit"] and mine["edit"].shown and "can no longer be edited" in mine["edit"].reason
    assert not theirs["edit"] and not theirs["edit"].shown
    assert set(policy.CASE_RULES) <= set(mine)


def test_transition_abilities_list_the_moves_of_the_state_with_their_conditions(
    case, protocol, leader
) -> None:
    case = _in(case_submit(actor=protocol, case=case), S.UNDER_REVIEW)

    leaders = {t.name: a for t, a in policy.case_abilities(user=leader, case=case).transitions()}
    assert set(leaders) == {"approve", "reject", "cancel"}
    assert not leaders["approve"] and "police review" in leaders["approve"].reason
    assert leaders["reject"] and leaders["cancel"]
    assert [t.name for t, _a in policy.case_abilities(user=protocol, case=case).transitions()] == ["cancel"]


def test_enforce_raises_the_reason() -> None:
    policy.enforce(None)
    with pytest.raises(CaseError, match="not now"):
        policy.enforce(policy.Refusal("not now"))

"""Issue 15, defect 3: a change to anything the police's review covered reopens it."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import pytest

from tests.factories import case_data_as_now as as_now
from tests.factories import make_agency, make_delegation, person_data, police_clear
from ttdn.accounts.models import User
from ttdn.cases.errors import ReviewReopenNeeded
from ttdn.cases.models import Case, CaseEvent, Review
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update
from ttdn.cases.services.workflow import case_approve, case_submit

pytestmark = pytest.mark.django_db
R = Review.Status
DAY = datetime.timedelta(days=1)


@pytest.fixture
def approved(protocol, leader) -> Case:
    case = case_submit(actor=protocol, case=make_delegation(actor=protocol, programme=1, days=3))
    return case_approve(actor=leader, case=police_clear(case))


def _fields(**changes: object) -> Callable[[CaseData, Case], None]:
    def change(data: CaseData, case: Case) -> None:
        data.fields.update(changes)

    return change


def _later_end(data: CaseData, case: Case) -> None:
    data.fields["end_date"] = case.end_date + DAY


def _other_lead(data: CaseData, case: Case) -> None:
    data.fields["lead_agency"] = make_agency()


def _co_host(data: CaseData, case: Case) -> None:
    data.co_host_agencies = [make_agency()]


def _one_more_participant(data: CaseData, case: Case) -> None:
    data.participants = [
        *(data.participants or []),
        ParticipantData(person_data("Sato Jiro", "JP", "NP0001")),
    ]


def _programme_note(data: CaseData, case: Case) -> None:
    first, *rest = data.programme or []
    data.programme = [dataclasses.replace(first, notes="Mang theo máy quay"), *rest]


COVERED: dict[str, tuple[Callable[[CaseData, Case], None], list[str]]] = {
    "dates": (_later_end, ["end_date"]),
    "countries": (_fields(countries=["JP", "KR"]), ["countries"]),
    "lead agency": (_other_lead, ["lead_agency"]),
    "co-hosts": (_co_host, ["co_host_agencies"]),
    "participants": (_one_more_participant, ["participants"]),
    "programme item note": (_programme_note, ["programme"]),
}


@pytest.mark.parametrize("group", list(COVERED))
def test_a_covered_change_of_an_approved_case_reopens_the_review(
    approved: Case, protocol: User, group
) -> None:
    change, names = COVERED[group]
    data = as_now(approved)
    change(data, approved)

    case = case_update(actor=protocol, case=approved, data=data)

    assert case.status == Case.Status.UNDER_REVIEW
    assert [(r.number, r.status) for r in case.reviews.order_by("number")] == [(1, R.STALE), (2, R.PENDING)]
    event = CaseEvent.objects.get(case=case, code="review.reopened")
    assert (event.actor, event.data["fields"]) == (protocol, names)


@pytest.mark.parametrize("group", list(COVERED))
def test_an_unconfirmed_covered_change_is_refused_and_changes_nothing(
    approved: Case, protocol: User, group
) -> None:
    change, _names = COVERED[group]
    data = as_now(approved)
    change(data, approved)
    before = as_now(approved)

    with pytest.raises(ReviewReopenNeeded) as refused:
        case_update(actor=protocol, case=approved, data=data, reopen_confirmed=False)

    assert refused.value.fields
    case = Case.objects.get(pk=approved.pk)
    assert case.status == Case.Status.APPROVED
    assert as_now(case) == before
    assert list(case.reviews.values_list("status", flat=True)) == [R.CLEARED]


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Tên mới"},
        {"purpose": "Mục đích mới"},
        {"notes": "Ghi chú nội bộ"},
        {"request_letter_number": "12/CV"},
    ],
)
def test_a_change_the_review_did_not_cover_keeps_the_approval(approved: Case, protocol: User, fields) -> None:
    data = as_now(approved)
    data.fields.update(fields)

    case = case_update(actor=protocol, case=approved, data=data, reopen_confirmed=False)

    assert case.status == Case.Status.APPROVED
    assert list(case.reviews.values_list("status", flat=True)) == [R.CLEARED]
    assert all(getattr(case, name) == value for name, value in fields.items())


def test_saving_a_case_unchanged_keeps_the_approval(approved: Case, protocol: User) -> None:
    case = case_update(actor=protocol, case=approved, data=as_now(approved), reopen_confirmed=False)

    assert case.status == Case.Status.APPROVED
    assert not CaseEvent.objects.filter(code="review.reopened").exists()


def test_a_change_before_the_police_decide_opens_no_new_review(protocol: User) -> None:
    case = case_submit(actor=protocol, case=make_delegation(actor=protocol, programme=1))
    data = as_now(case)
    _later_end(data, case)

    case = case_update(actor=protocol, case=case, data=data, reopen_confirmed=False)

    assert list(case.reviews.values_list("status", flat=True)) == [R.PENDING]


def test_a_participant_without_a_passport_stays_the_same_person(protocol: User, leader: User) -> None:
    from ttdn.cases.models import Person

    case = make_delegation(actor=protocol, programme=1)
    data = as_now(case)
    data.participants = [ParticipantData(person_data("Trần Thị Không Hộ Chiếu", "JP"))]
    case_update(actor=protocol, case=case, data=data)
    case = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=case)))
    participant, people = case.participants.get(), Person.objects.count()

    case = case_update(actor=protocol, case=case, data=as_now(case), reopen_confirmed=False)

    assert case.status == Case.Status.APPROVED
    assert (case.participants.get(), Person.objects.count()) == (participant, people)

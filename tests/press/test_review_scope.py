"""Issue 15, defect 3: what a press visit adds to the police's review reopens it when changed."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.utils import timezone

from press.services import PressData, press_visit_update
from tests.factories import case_data_as_now, make_press_visit, police_clear
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases.errors import ReviewReopenNeeded
from ttdn.cases.models import Case, CaseEvent, Review
from ttdn.cases.services.cases import ProgrammeData
from ttdn.cases.services.workflow import case_approve, case_submit

pytestmark = pytest.mark.django_db
R = Review.Status


def _press(case: Case, **changes: object) -> PressData:
    visit = case.press_visit
    values = {
        "residency": visit.residency,
        "topics": visit.topics,
        "escort_officer": visit.escort_officer,
        "request_received_on": visit.request_received_on,
        **changes,
    }
    return PressData(**values)  # type: ignore[arg-type]


@pytest.fixture
def approved(protocol: User, leader: User) -> Case:
    case = make_press_visit(actor=protocol)
    data = case_data_as_now(case)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(case.start_date, datetime.time(8), tzinfo=tz)
    data.programme = [
        ProgrammeData(start, start + datetime.timedelta(hours=2), "Ruộng bậc thang", "interview")
    ]
    press_visit_update(actor=protocol, case=case, data=data, press=_press(case), cards=[])
    case = case_submit(actor=protocol, case=case)
    return case_approve(actor=leader, case=police_clear(case))


def _filming(case: Case):
    data = case_data_as_now(case)
    data.programme = [
        dataclasses.replace(item, activity="filming", recording_planned=True) for item in data.programme
    ]
    return data


@pytest.mark.parametrize("change", ["topics", "escort_officer", "filming"])
def test_a_change_of_the_press_visits_covered_fields_reopens_the_review(
    approved: Case, protocol: User, make_user, change
) -> None:
    data, press = case_data_as_now(approved), _press(approved)
    if change == "topics":
        press = _press(approved, topics="Biên giới")
    elif change == "escort_officer":
        press = _press(approved, escort_officer=make_user(Role.PROTOCOL, agency=protocol.agency))
    else:
        data = _filming(approved)

    with pytest.raises(ReviewReopenNeeded):
        press_visit_update(
            actor=protocol, case=approved, data=data, press=press, cards=[], reopen_confirmed=False
        )
    assert Case.objects.get(pk=approved.pk).status == Case.Status.APPROVED
    case = press_visit_update(actor=protocol, case=approved, data=data, press=press, cards=[])

    assert case.status == Case.Status.UNDER_REVIEW
    assert [(r.number, r.status) for r in case.reviews.order_by("number")] == [(1, R.STALE), (2, R.PENDING)]
    fields = CaseEvent.objects.get(case=case, code="review.reopened").data["fields"]
    assert (
        fields
        == {"topics": ["topics"], "escort_officer": ["escort_officer"], "filming": ["programme"]}[change]
    )


def test_a_new_date_of_the_request_keeps_the_approval(approved: Case, protocol: User) -> None:
    press = _press(
        approved, request_received_on=approved.press_visit.request_received_on - datetime.timedelta(days=1)
    )

    case = press_visit_update(
        actor=protocol,
        case=approved,
        data=case_data_as_now(approved),
        press=press,
        cards=[],
        reopen_confirmed=False,
    )

    assert case.status == Case.Status.APPROVED

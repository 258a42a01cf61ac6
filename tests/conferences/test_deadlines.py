"""The timers of Decision 06/2020/QĐ-TTg across Tết 2027 (Thursday 4 to Wednesday 10 February off):
the dossier and the report count calendar days ("ngày"), so Tết shortens nothing; the consulted
agencies' answers count working days, so Tết pushes them out. Each is the admins' to edit."""

from __future__ import annotations

import datetime

import pytest

from conferences.deadlines import OPINIONS_TIMER, dossier_due, opinion_due
from conferences.models import Conference
from conferences.services import consultation_add
from tests.factories import approve, make_agency, make_conference
from ttdn.cases.models import FollowUp, Timer
from ttdn.cases.services.cases import case_record_decision
from ttdn.cases.services.workflow import case_complete, case_start

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_timers_are_set_up_in_calendar_or_working_days_with_their_legal_basis() -> None:
    timers = {
        t.code: (t.working_days, t.unit, t.anchor)
        for t in Timer.objects.filter(code__startswith="conference_")
    }

    assert timers == {
        "conference_dossier": (30, "days", "before_start"),
        "conference_dossier_central": (40, "days", "before_start"),
        "conference_opinions": (7, "working_days", "after_receipt"),
        "conference_report": (15, "days", "after_end"),
    }
    assert all(
        "06/2020/QĐ-TTg" in basis
        for basis in Timer.objects.filter(code__startswith="conference_").values_list(
            "legal_basis", flat=True
        )
    )


def test_the_dossier_is_due_30_calendar_days_before_a_start_after_tet() -> None:
    # Wednesday 3 March 2027: 30 days back is Monday 1 February, Tết counted like any day.
    assert dossier_due(start=D(2027, 3, 3), above_province=False) == D(2027, 2, 1)


def test_the_dossier_is_due_40_days_before_when_the_approval_is_above_the_province() -> None:
    assert dossier_due(start=D(2027, 3, 3), above_province=True) == D(2027, 1, 22)


def test_a_conference_keeps_the_due_date_of_its_approving_authority(protocol) -> None:
    provincial = make_conference(actor=protocol, start=D(2027, 3, 3))
    central = make_conference(actor=protocol, start=D(2027, 3, 3), above_province=True)

    assert Conference.objects.get(case=provincial).dossier_due_on == D(2027, 2, 1)
    assert Conference.objects.get(case=central).dossier_due_on == D(2027, 1, 22)


def test_an_opinion_asked_before_tet_is_due_7_working_days_later_after_tet(protocol) -> None:
    # Asked Tuesday 2 February 2027: Wednesday 3 is the first working day, then Tết; 11, 12, 15,
    # 16, 17 and 18 February are the other six.
    assert opinion_due(D(2027, 2, 2)) == D(2027, 2, 18)
    case = make_conference(actor=protocol, start=D(2027, 3, 3))

    consultation = consultation_add(actor=protocol, case=case, agency=make_agency(), asked_on=D(2027, 2, 2))

    assert consultation.due_on == D(2027, 2, 18)


def test_the_admins_edit_a_timer_and_new_due_dates_follow_it() -> None:
    Timer.objects.filter(code=OPINIONS_TIMER).update(working_days=10)

    assert opinion_due(D(2027, 2, 2)) == D(2027, 2, 23)


def test_the_report_after_the_event_is_due_15_calendar_days_after_an_end_before_tet(protocol, leader) -> None:
    # The conference ends Tuesday 2 February 2027: 15 days later is Wednesday 17 February, Tết
    # counted like any day (the core's post-visit report would count working days).
    case = make_conference(actor=protocol, start=D(2027, 2, 1), days=2)
    case = approve(case, leader=leader)
    case = case_record_decision(actor=protocol, case=case, number="5/QĐ-UBND", date=D(2027, 1, 20))
    case = case_complete(actor=protocol, case=case_start(actor=protocol, case=case))

    report = case.follow_ups.get(kind=FollowUp.Kind.REPORT)

    assert report.due_date == D(2027, 2, 17)

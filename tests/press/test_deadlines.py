"""The press timers, on the official calendar of 2025."""

from __future__ import annotations

import datetime

import pytest

from press.deadlines import press_deadlines
from press.models import PressVisit
from tests.factories import make_press_visit
from ttdn.cases.deadlines import add_working_days
from ttdn.cases.models import CalendarDay

pytestmark = pytest.mark.django_db
D = datetime.date


def test_official_2025_calendar() -> None:
    # Tết Ất Tỵ: off from Saturday 25/01 to Sunday 02/02/2025.
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    # 30/4 and 1/5, with 2/5 swapped for Saturday 26/4 (entered by the admins each year).
    CalendarDay.objects.create(date=D(2025, 4, 26), kind=CalendarDay.Kind.WORKING_DAY, note="Làm bù cho 2/5")
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)
    # National Day: 1 and 2 September 2025 (Monday, Tuesday).
    assert add_working_days(D(2025, 8, 29), 1) == D(2025, 9, 3)


def test_a_non_resident_crew_files_ten_working_days_before_entry(protocol) -> None:
    case = make_press_visit(
        actor=protocol, residency="non_resident", start=D(2025, 2, 10), received=D(2025, 1, 2)
    )

    (deadline,) = press_deadlines(case=case, visit=PressVisit.objects.get(case=case), today=D(2025, 1, 6))

    # Counting back over Tết: 7, 6, 5, 4, 3 February, then 24, 23, 22, 21, 20 January.
    assert deadline.due == D(2025, 1, 20)
    assert deadline.days_left == 10
    assert not deadline.late


def test_a_late_non_resident_dossier_is_flagged(protocol) -> None:
    case = make_press_visit(
        actor=protocol, residency="non_resident", start=D(2025, 2, 10), received=D(2025, 1, 22)
    )

    (deadline,) = press_deadlines(case=case, visit=PressVisit.objects.get(case=case), today=D(2025, 1, 22))

    assert deadline.late
    assert deadline.note


def test_a_resident_request_received_on_a_holiday_counts_from_the_next_working_day(protocol) -> None:
    case = make_press_visit(
        actor=protocol, residency="resident", start=D(2025, 9, 20), received=D(2025, 9, 2)
    )

    (deadline,) = press_deadlines(case=case, visit=PressVisit.objects.get(case=case), today=D(2025, 9, 12))

    assert deadline.due == D(2025, 9, 9)  # 3, 4, 5, 8, 9 September
    assert deadline.late
    assert deadline.days_late == 3
    assert "next working day" in deadline.note


def test_admins_change_a_timer(protocol) -> None:
    from ttdn.cases.models import Timer

    Timer.objects.filter(code="press_resident_answer").update(working_days=3)
    case = make_press_visit(
        actor=protocol, residency=PressVisit.Residency.RESIDENT, start=D(2025, 9, 20), received=D(2025, 9, 3)
    )

    assert press_deadlines(case=case, visit=PressVisit.objects.get(case=case), today=D(2025, 9, 3))[
        0
    ].due == D(2025, 9, 8)

"""Working days: weekends, Vietnamese public holidays (lunar ones too), and admins' calendar days."""

from __future__ import annotations

import datetime

import pytest

from ttdn.cases.deadlines import add_working_days, is_working_day, timer_due, working_days_between
from ttdn.cases.models import CalendarDay, Timer

pytestmark = pytest.mark.django_db
D = datetime.date


def test_weekends_are_not_working_days() -> None:
    assert add_working_days(D(2025, 6, 6), 1) == D(2025, 6, 9)  # Friday + 1 = Monday
    assert add_working_days(D(2025, 6, 9), -1) == D(2025, 6, 6)
    assert add_working_days(D(2025, 6, 9), 5) == D(2025, 6, 16)


def test_tet_2026_is_skipped() -> None:
    # Tết Bính Ngọ: 16-20 February 2026 are public holidays (Monday to Friday).
    assert not any(is_working_day(D(2026, 2, day)) for day in range(16, 21))
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1


def test_national_day_and_reunification_day() -> None:
    assert not is_working_day(D(2025, 9, 2))
    assert not is_working_day(D(2025, 4, 30))
    assert add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)  # 30/4, 1/5, 2/5 off, then the weekend


def test_admin_days_off_and_make_up_working_days() -> None:
    CalendarDay.objects.create(date=D(2025, 6, 10), kind=CalendarDay.Kind.DAY_OFF, note="Nghỉ bù")
    CalendarDay.objects.create(date=D(2025, 6, 14), kind=CalendarDay.Kind.WORKING_DAY, note="Làm bù")

    assert not is_working_day(D(2025, 6, 10))
    assert is_working_day(D(2025, 6, 14))
    assert add_working_days(D(2025, 6, 9), 2) == D(2025, 6, 12)
    assert add_working_days(D(2025, 6, 13), 1) == D(2025, 6, 14)


def test_the_police_review_timer_counts_back_from_the_start() -> None:
    assert Timer.objects.get(code="police_review").working_days == 2

    assert timer_due(code="police_review", start=D(2025, 6, 16)) == D(2025, 6, 12)
    Timer.objects.filter(code="police_review").update(working_days=5)
    assert timer_due(code="police_review", start=D(2025, 6, 16)) == D(2025, 6, 9)
    assert timer_due(code="unknown", start=D(2025, 6, 16)) is None


def test_the_make_up_saturdays_the_holidays_package_knows_are_working_days() -> None:
    # 2 May 2025 (Friday) was given off for Saturday 26 April 2025, worked instead (the `holidays`
    # package's special days for Vietnam, 2025: (MAY, 2, APR, 26)).
    assert is_working_day(D(2025, 4, 26))
    assert not is_working_day(D(2025, 5, 2))
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert add_working_days(D(2025, 4, 28), -2) == D(2025, 4, 25)  # Friday 25, Saturday 26
    assert working_days_between(D(2025, 4, 25), D(2025, 4, 28)) == 2  # Saturday 26, Monday 28
    # A swap across the new year: Saturday 5 January 2019 was worked for Monday 31 December 2018.
    assert is_working_day(D(2019, 1, 5))
    assert not is_working_day(D(2018, 12, 31))


def test_admins_can_still_take_a_make_up_saturday_away() -> None:
    CalendarDay.objects.create(date=D(2025, 4, 26), kind=CalendarDay.Kind.DAY_OFF, note="Đổi lịch")
    CalendarDay.objects.create(date=D(2025, 5, 2), kind=CalendarDay.Kind.WORKING_DAY, note="Đổi lịch")

    assert not is_working_day(D(2025, 4, 26))
    assert is_working_day(D(2025, 5, 2))
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 28)


def test_a_timer_in_calendar_days_counts_every_day_tet_included() -> None:
    timer = Timer.objects.get(code="police_review")
    timer.unit, timer.working_days = Timer.Unit.DAYS, 30
    timer.save()

    # 30 days before Tuesday 10 March 2026 is 8 February, across Tết (16-20 February) and weekends.
    assert timer_due(code="police_review", start=D(2026, 3, 10)) == D(2026, 2, 8)
    timer.unit = Timer.Unit.WORKING_DAYS
    timer.save()
    assert timer_due(code="police_review", start=D(2026, 3, 10)) == D(2026, 1, 20)

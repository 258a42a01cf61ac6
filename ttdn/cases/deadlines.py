"""Working days for the whole system: "N working days before/after D" is one call.

A working day is a weekday that is not a Vietnamese public holiday (the ``holidays`` package knows
the lunar ones and the days the government swapped), or a Saturday the government made a working
day to bridge a holiday (the package's make-up days). The admins' calendar days (CalendarDay) come
first: they add a day off or a working day the package does not know, or take one away.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

import holidays

from ttdn.cases.models.calendar import CalendarDay, Timer

MAX_SPAN_DAYS = 3 * 366


@dataclass(frozen=True)
class _NationalYear:
    holidays: frozenset[datetime.date]  # public holidays and the days off swapped for them
    make_up_days: frozenset[datetime.date]  # weekend days worked instead (make-up Saturdays)


@lru_cache(maxsize=32)
def _national_year(year: int) -> _NationalYear:
    """The public calendar of ``year``. A swap may cross the new year (Saturday 5 January 2019 was
    worked for Monday 31 December 2018), so the package reads the years either side as well."""
    known = holidays.country_holidays("VN", years=range(year - 1, year + 2))
    return _NationalYear(
        holidays=frozenset(day for day in known if day.year == year),
        make_up_days=frozenset(day for day in known.weekend_workdays if day.year == year),
    )


class WorkingCalendar:
    """The working days around some dates, with the admins' days read in one query."""

    def __init__(self, first: datetime.date, last: datetime.date) -> None:
        self.first, self.last = first, last
        self.adjusted = dict(
            CalendarDay.objects.filter(date__range=(first, last)).values_list("date", "kind")
        )

    def is_working_day(self, day: datetime.date) -> bool:
        kind = self.adjusted.get(day)
        if kind == CalendarDay.Kind.WORKING_DAY:
            return True
        if kind == CalendarDay.Kind.DAY_OFF:
            return False
        national = _national_year(day.year)
        if day.weekday() >= 5:
            return day in national.make_up_days
        return day not in national.holidays


# The calendar a run of many date computations shares (``calendar_held``), if any.
_held: ContextVar[WorkingCalendar | None] = ContextVar("working_calendar_held", default=None)


@contextmanager
def calendar_held(first: datetime.date, last: datetime.date) -> Iterator[WorkingCalendar]:
    """Within the block, date computations between ``first`` and ``last`` read the admins' days
    once, not once each: the reminder sweep shifts dates for every rule (issue 18)."""
    calendar = WorkingCalendar(first, last)
    token = _held.set(calendar)
    try:
        yield calendar
    finally:
        _held.reset(token)


def _calendar_around(day: datetime.date, span: int) -> WorkingCalendar:
    margin = datetime.timedelta(days=min(MAX_SPAN_DAYS, span * 3 + 30))
    held = _held.get()
    if held is not None and held.first <= day - margin and day + margin <= held.last:
        return held
    return WorkingCalendar(day - margin, day + margin)


def is_working_day(day: datetime.date) -> bool:
    return _calendar_around(day, 0).is_working_day(day)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The date ``count`` working days after ``day`` (before it when ``count`` is negative).

    ``day`` itself is not counted: 5 working days after a Monday with no holiday is the next
    Monday; a request received on a holiday starts counting on the next working day.
    """
    calendar = _calendar_around(day, abs(count))
    step = datetime.timedelta(days=1 if count >= 0 else -1)
    current, remaining = day, abs(count)
    while remaining:
        current += step
        if calendar.is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    if end == start:
        return 0
    first, last, sign = (start, end, 1) if end > start else (end, start, -1)
    calendar = WorkingCalendar(first, last)
    count = sum(
        1
        for offset in range(1, (last - first).days + 1)
        if calendar.is_working_day(first + datetime.timedelta(offset))
    )
    return sign * count


def timer_due(
    *,
    code: str,
    start: datetime.date,
    end: datetime.date | None = None,
    received: datetime.date | None = None,
) -> datetime.date | None:
    """The due date of the timer ``code`` for a case with these dates, or None if not set up."""
    timer = Timer.objects.filter(code=code).first()
    if timer is None:
        return None
    if timer.anchor == Timer.Anchor.BEFORE_START:
        return timer_shift(timer, start, before=True)
    if timer.anchor == Timer.Anchor.AFTER_END:
        return timer_shift(timer, end or start)
    return timer_shift(timer, received) if received else None


def timer_shift(timer: Timer, day: datetime.date, *, before: bool = False) -> datetime.date:
    """``day`` moved by the timer's days, in its unit: working days, or calendar days (a rule that
    says "N days before" counts every day; the due date is that day, holiday or not)."""
    count = -timer.working_days if before else timer.working_days
    if timer.unit == Timer.Unit.DAYS:
        return day + datetime.timedelta(days=count)
    return add_working_days(day, count)

"""The weekly schedule (lịch công tác tuần): a chosen ISO week's programme items of the visits
the user may see, by day and part of the day, as the leaders and the office read and print it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from ttdn.cases.models import ProgrammeItem
from ttdn.cases.selectors import programme_between
from ttdn.weekdays import weekday_name

# Parts of the day by the hour an item starts: before noon, before six in the evening, after.
PARTS: list[tuple[int, Promise]] = [
    (12, pgettext_lazy("part of the day", "Morning")),
    (18, pgettext_lazy("part of the day", "Afternoon")),
    (24, pgettext_lazy("part of the day", "Evening")),
]
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


@dataclass(frozen=True)
class Week:
    monday: datetime.date

    @classmethod
    def of(cls, day: datetime.date) -> Week:
        return cls(monday=day - datetime.timedelta(days=day.weekday()))

    @classmethod
    def parse(cls, value: str) -> Week | None:
        """``2030-W23`` (ISO 8601, as ``<input type="week">`` sends it); None if it is no week."""
        match = _WEEK.match(value.strip())
        if match is None:
            return None
        try:
            monday = datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            return None
        # Keep away from the calendar's ends, where the next week would not exist.
        return cls(monday=monday) if 1900 <= monday.year <= 9000 else None

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def year(self) -> int:
        return self.monday.isocalendar().year

    def key(self) -> str:
        return f"{self.year:04d}-W{self.number:02d}"

    def previous(self) -> Week:
        return Week(monday=self.monday - datetime.timedelta(days=7))

    def following(self) -> Week:
        return Week(monday=self.monday + datetime.timedelta(days=7))


@dataclass
class Part:
    name: Promise
    items: list[ProgrammeItem] = field(default_factory=list)


@dataclass
class ScheduleDay:
    date: datetime.date
    name: Promise
    parts: list[Part]  # only the parts of the day that have something

    @property
    def rows(self) -> int:
        """How many rows the day takes in the printed table (one when it has nothing)."""
        return max(1, sum(len(part.items) for part in self.parts))


def weekly_schedule(
    *, user: AbstractBaseUser | AnonymousUser, week: Week
) -> tuple[list[ScheduleDay], list[ProgrammeItem]]:
    """Each day of ``week`` with its programme items by part of the day, and all those items;
    one query, whatever their number."""
    items = list(programme_between(user=user, first=week.monday, last=week.sunday))
    by_day: dict[datetime.date, dict[int, list[ProgrammeItem]]] = {}
    for item in items:
        start = timezone.localtime(item.start)
        part = next(index for index, (until, _) in enumerate(PARTS) if start.hour < until)
        by_day.setdefault(start.date(), {}).setdefault(part, []).append(item)
    days = []
    for offset in range(7):
        date = week.monday + datetime.timedelta(days=offset)
        parts = by_day.get(date, {})
        days.append(
            ScheduleDay(
                date=date,
                name=weekday_name(date),
                parts=[Part(name=PARTS[index][1], items=parts[index]) for index in sorted(parts)],
            )
        )
    return days, items

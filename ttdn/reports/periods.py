"""Reporting periods: a quarter, a half-year, a year, or two dates; and the period before each.

A quarter, half-year or year is counted on one of two bases: the calendar (Q1 is January to March)
or the state's reporting rules, Decree 09/2019/NĐ-CP (Article 12), under which a period runs from
the 15th of the month before it to the 14th of its last month: Q1 2026 is 15/12/2025 to 14/03/2026,
the first half-year 15/12/2025 to 14/06/2026, the year 15/12/2025 to 14/12/2026. The agencies
report on the Decree's periods; the office's own figures are often asked by calendar period.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ONE_DAY = datetime.timedelta(days=1)
# The years a report may cover: far enough from the calendar's ends that the period before one,
# and the months of one, are dates too.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# Decree 09/2019/NĐ-CP, Article 12: a period closes on the 14th of its last month.
DECREE09_FIRST_DAY = 15


class Basis(models.TextChoices):
    CALENDAR = "calendar", gettext_lazy("Calendar")
    DECREE09 = "decree09", gettext_lazy("Reporting period (Decree 09/2019/NĐ-CP)")


def _month_start(year: int, month: int, basis: str) -> datetime.date:
    """The first day of ``month`` in the reporting sense: the 1st, or the 15th of the month before."""
    if basis == Basis.DECREE09:
        return datetime.date(year - (month == 1), 12 if month == 1 else month - 1, DECREE09_FIRST_DAY)
    return datetime.date(year, month, 1)


def _months(year: int, first: int, last: int, basis: str) -> tuple[datetime.date, datetime.date]:
    """From the start of month ``first`` to the end of month ``last`` of ``year``, on ``basis``."""
    following = _month_start(year + 1, 1, basis) if last == 12 else _month_start(year, last + 1, basis)
    return _month_start(year, first, basis), following - ONE_DAY


def _range(start: datetime.date, end: datetime.date) -> str:
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"  # noqa: RUF001 (the en dash of date ranges)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    year: int | None = None
    quarter: int | None = None
    half: int | None = None
    basis: str = Basis.CALENDAR

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(_("The end of the period is before its start."))

    @classmethod
    def of_quarter(cls, year: int, quarter: int, basis: str = Basis.CALENDAR) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(_("A quarter is 1, 2, 3 or 4."))
        start, end = _months(year, 3 * quarter - 2, 3 * quarter, basis)
        return cls(start, end, year, quarter, basis=str(basis))

    @classmethod
    def of_half(cls, year: int, half: int, basis: str = Basis.CALENDAR) -> Period:
        if half not in (1, 2):
            raise ValueError(_("A half-year is 1 or 2."))
        start, end = _months(year, 6 * half - 5, 6 * half, basis)
        return cls(start, end, year, half=half, basis=str(basis))

    @classmethod
    def of_year(cls, year: int, basis: str = Basis.CALENDAR) -> Period:
        start, end = _months(year, 1, 12, basis)
        return cls(start, end, year, basis=str(basis))

    @classmethod
    def chosen(
        cls,
        *,
        year: int | None = None,
        quarter: int | None = None,
        half: int | None = None,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
        basis: str | None = None,
    ) -> Period:
        """The period asked for by a form, the command or the API: two dates, or a year and
        perhaps a quarter or a half-year (callers check that one of them is given), on the calendar
        or Decree 09's basis, within the years a report may cover."""
        basis = basis or Basis.CALENDAR
        if basis not in Basis.values:
            raise ValueError(_("The basis of a period is “calendar” or “decree09”."))
        first, last = (start.year, end.year) if start is not None and end is not None else (year, year)
        if first is not None and last is not None and (first < FIRST_YEAR or last > LAST_YEAR):
            raise ValueError(
                _("A period lies between the years %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        if start is not None and end is not None:
            return cls(start, end)
        if year is None:
            raise ValueError(_("Give the year (and quarter) or two dates."))
        if quarter and half:
            raise ValueError(_("Give a quarter or a half-year, not both."))
        if quarter:
            return cls.of_quarter(year, quarter, basis)
        if half:
            return cls.of_half(year, half, basis)
        return cls.of_year(year, basis)

    @classmethod
    def quarter_of(cls, day: datetime.date, basis: str = Basis.CALENDAR) -> Period:
        """The quarter ``day`` falls in, on ``basis``."""
        year, month = day.year, day.month
        if basis == Basis.DECREE09 and day.day >= DECREE09_FIRST_DAY:  # counts in the next month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return cls.of_quarter(year, (month - 1) // 3 + 1, basis)

    @classmethod
    def last_quarter(cls, today: datetime.date, basis: str = Basis.CALENDAR) -> Period:
        """The last quarter ended before ``today``."""
        return cls.quarter_of(today, basis).previous()

    def previous(self) -> Period:
        """The period just before, on the same basis: the previous quarter, half-year or year, or
        as many days before."""
        if self.year and self.quarter:
            if self.quarter > 1:
                return Period.of_quarter(self.year, self.quarter - 1, self.basis)
            return Period.of_quarter(self.year - 1, 4, self.basis)
        if self.year and self.half:
            if self.half == 2:
                return Period.of_half(self.year, 1, self.basis)
            return Period.of_half(self.year - 1, 2, self.basis)
        if self.year:
            return Period.of_year(self.year - 1, self.basis)
        length = self.end - self.start
        return Period(self.start - length - ONE_DAY, self.start - ONE_DAY)

    @property
    def is_decree09(self) -> bool:
        return self.basis == Basis.DECREE09

    def months(self) -> list[str]:
        months, day = [], self.start.replace(day=1)
        while day <= self.end:
            months.append(f"{day:%Y-%m}")
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return months

    def label(self) -> str:
        """``Quarter 3/2026`` (a calendar quarter or year says no more); a half-year says its dates,
        and a period of Decree 09 its basis and dates."""
        if self.quarter:
            name = _("Quarter %(quarter)s/%(year)s") % {"quarter": self.quarter, "year": self.year}
        elif self.half == 1:
            name = _("First half of %(year)s") % {"year": self.year}
        elif self.half:
            name = _("Second half of %(year)s") % {"year": self.year}
        elif self.year:
            name = _("Year %(year)s") % {"year": self.year}
        else:
            return _range(self.start, self.end)
        if self.is_decree09:
            return _("%(name)s (Decree 09/2019/NĐ-CP: %(dates)s)") % {
                "name": name,
                "dates": _range(self.start, self.end),
            }
        if self.half:
            return f"{name} ({_range(self.start, self.end)})"
        return name

    def query(self) -> str:
        """The period as the report page's query string, e.g. ``year=2026&quarter=1&basis=decree09``."""
        if not self.year:
            return f"start={self.start.isoformat()}&end={self.end.isoformat()}"
        parts = [f"year={self.year}"]
        if self.quarter:
            parts.append(f"quarter={self.quarter}")
        if self.half:
            parts.append(f"half={self.half}")
        if self.is_decree09:
            parts.append(f"basis={self.basis}")
        return "&".join(parts)

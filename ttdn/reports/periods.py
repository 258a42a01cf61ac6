"""Reporting periods: a quarter, a year, or two dates; and the period before each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

ONE_DAY = datetime.timedelta(days=1)
# The years a report may cover: far enough from the calendar's ends that the period before one,
# and the months of one, are dates too.
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    year: int | None = None
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(_("The end of the period is before its start."))

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(_("A quarter is 1, 2, 3 or 4."))
        start = datetime.date(year, 3 * quarter - 2, 1)
        following = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
        return cls(start, following - ONE_DAY, year, quarter)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), year)

    @classmethod
    def chosen(
        cls,
        *,
        year: int | None = None,
        quarter: int | None = None,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
    ) -> Period:
        """The period asked for by a form, the command or the API: two dates, or a year and
        perhaps a quarter (callers check that one of them is given), within the years a report
        may cover."""
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
        return cls.of_quarter(year, quarter) if quarter else cls.of_year(year)

    @classmethod
    def last_quarter(cls, today: datetime.date) -> Period:
        quarter = (today.month - 1) // 3 + 1
        return cls.of_quarter(today.year, quarter - 1) if quarter > 1 else cls.of_quarter(today.year - 1, 4)

    def previous(self) -> Period:
        """The period just before: the previous quarter or year, or as many days before."""
        if self.quarter:
            assert self.year is not None  # noqa: S101
            return (
                Period.of_quarter(self.year, self.quarter - 1)
                if self.quarter > 1
                else Period.of_quarter(self.year - 1, 4)
            )
        if self.year:
            return Period.of_year(self.year - 1)
        length = self.end - self.start
        return Period(self.start - length - ONE_DAY, self.start - ONE_DAY)

    def months(self) -> list[str]:
        months, day = [], self.start.replace(day=1)
        while day <= self.end:
            months.append(f"{day:%Y-%m}")
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return months

    def label(self) -> str:
        if self.quarter:
            return _("Quarter %(quarter)s/%(year)s") % {"quarter": self.quarter, "year": self.year}
        if self.year:
            return _("Year %(year)s") % {"year": self.year}
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"  # noqa: RUF001 (the en dash of date ranges)

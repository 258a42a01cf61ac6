"""The quarterly summary: a reminder, once per quarter, with the headline figures of the one just ended."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from ttdn.notifications.models import Notification, ReminderRule
from ttdn.notifications.rules import Directory, Occasion, shift


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    following = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first, following - datetime.timedelta(days=1)


SUMMARY_LATEST = datetime.timedelta(days=31)


def find_quarter(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    """Once per quarter, ``offset`` days into the next one, about the quarter just ended."""
    year, quarter = quarter_of(today)
    this_quarter_start, _end = quarter_bounds(year, quarter)
    due = shift(rule, this_quarter_start - datetime.timedelta(days=1), rule.offset)
    if not due <= today <= due + SUMMARY_LATEST:  # a summary weeks late (a new install) is noise
        return []
    last_year, last_quarter = quarter_of(this_quarter_start - datetime.timedelta(days=1))
    path = f"{reverse('reports:report')}?year={last_year}&quarter={last_quarter}"
    return [
        Occasion(
            key=f"{last_year}-Q{last_quarter}",
            case_id=None,
            params={"year": last_year, "quarter": last_quarter, "path": path},
        )
    ]


def render_quarter(notification: Notification) -> str:
    """The headline figures of the quarter's report, as the reader may see them."""
    from ttdn.reports.periods import Period
    from ttdn.reports.statistics import report_figures, summary_line

    year, quarter = notification.params.get("year"), notification.params.get("quarter")
    if not isinstance(year, int) or not isinstance(quarter, int):
        return _("Quarterly summary")
    period = Period.of_quarter(year, quarter)
    figures = report_figures(notification.recipient, period)
    return _("%(period)s: %(figures)s.") % {"period": period.label(), "figures": summary_line(figures)}

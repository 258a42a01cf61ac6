"""When the law wants an NGO's filings: working days from a certificate or a reported period
(the admins' timers, ``cases.Timer``), or a date each year (``NgoSettings``)."""

from __future__ import annotations

import datetime

from ttdn.cases.deadlines import timer_shift
from ttdn.cases.models import Timer

ACTIVITY_PLAN_TIMER = "ngo_activity_plan"
BANK_ACCOUNT_TIMER = "ngo_bank_account"
PROJECT_PROGRESS_TIMER = "ngo_project_progress"


def working_days_after(code: str, day: datetime.date) -> datetime.date | None:
    """``day`` moved by the timer ``code`` (None when the timer is not set up)."""
    timer = Timer.objects.filter(code=code).first()
    return None if timer is None else timer_shift(timer, day)


def annual_report_due(year: int) -> datetime.date:
    """The date the annual report of ``year`` is due, as the admins set it."""
    from ngos.models import NgoSettings

    settings = NgoSettings.objects.filter(pk=1).first() or NgoSettings()
    return datetime.date(year, settings.annual_report_month, settings.annual_report_day)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return min(day.replace(year=year, month=month, day=1) + datetime.timedelta(days=day.day - 1),
               following - datetime.timedelta(days=1))  # fmt: skip


def period_ends(start: datetime.date, end: datetime.date, months: int) -> list[datetime.date]:
    """The last days of the reporting periods of a project running from ``start`` to ``end``,
    ``months`` long each, the last one cut at the project's end."""
    ends: list[datetime.date] = []
    period_start = start
    while period_start <= end:
        period_end = min(add_months(period_start, months) - datetime.timedelta(days=1), end)
        ends.append(period_end)
        period_start = period_end + datetime.timedelta(days=1)
    return ends

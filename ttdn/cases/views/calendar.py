"""The month calendar of visits (a grid, or an agenda by day) and the personal iCal feed."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event

from ttdn.accounts.models import User
from ttdn.accounts.services import user_calendar_token_reset
from ttdn.cases.models import Case, ProgrammeItem
from ttdn.cases.selectors import cases_between, cases_visible_to, programme_between
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.weekdays import weekday_name

FEED_PAST_DAYS = 90
FEED_FUTURE_DAYS = 365


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    cases: list[Case] = field(default_factory=list)


def _month(value: str | None) -> datetime.date:
    today = timezone.localdate()
    if not value:
        return today.replace(day=1)
    try:
        month = datetime.datetime.strptime(value, "%Y-%m").date()  # noqa: DTZ007 - a month, not a moment
    except ValueError:
        return today.replace(day=1)
    # The grid reaches into the months around; keep far from the calendar's ends.
    return month if 1900 <= month.year <= 9000 else today.replace(day=1)


@dataclass
class AgendaDay:
    date: datetime.date
    # What is planned that day, by the hour; then the visits under way with nothing planned.
    items: list[ProgrammeItem] = field(default_factory=list)
    visits: list[Case] = field(default_factory=list)

    @property
    def name(self) -> Promise:
        return weekday_name(self.date)


def _around(first: datetime.date) -> dict[str, str]:
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return {"previous": previous.strftime("%Y-%m"), "following": following.strftime("%Y-%m")}


@login_required
@require_GET
def month(request: HttpRequest) -> HttpResponse:
    first = _month(request.GET.get("month"))
    weeks_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid_first, grid_last = weeks_dates[0][0], weeks_dates[-1][-1]
    days = {d: Day(date=d, in_month=d.month == first.month) for week in weeks_dates for d in week}
    cases = list(cases_between(user=request.user, first=grid_first, last=grid_last))
    for case in cases:
        day = max(case.start_date, grid_first)
        while day <= min(case.end_date, grid_last):
            days[day].cases.append(case)
            day += datetime.timedelta(days=1)
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    feed_url = (
        request.build_absolute_uri(reverse("cases:calendar_feed", kwargs={"token": user.calendar_token}))
        if user.calendar_token
        else ""
    )
    return render(
        request,
        "cases/calendar.html",
        {
            "month": first,
            "weeks": [[days[d] for d in week] for week in weeks_dates],
            **_around(first),
            "today": timezone.localdate(),
            "cases": cases,
            "feed_url": feed_url,
        },
    )


@login_required
@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    """The month as a list by day (what reads on a phone): each day's programme items by the
    hour, then the visits under way that day with nothing planned on it; empty days left out."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    first = _month(request.GET.get("month"))
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    days: dict[datetime.date, AgendaDay] = {}
    items = list(programme_between(user=user, first=first, last=last))
    planned: set[tuple[datetime.date, int]] = set()
    for item in items:
        day = timezone.localdate(item.start)
        days.setdefault(day, AgendaDay(date=day)).items.append(item)
        planned.add((day, item.case_id))
    cases = list(cases_between(user=user, first=first, last=last))
    for case in cases:
        day = max(case.start_date, first)
        while day <= min(case.end_date, last):
            if (day, case.pk) not in planned:
                days.setdefault(day, AgendaDay(date=day)).visits.append(case)
            day += datetime.timedelta(days=1)
    access_log_restricted_reads(
        request=request, user=user, cases={item.case for item in items}, detail="calendar agenda"
    )
    return render(
        request,
        "cases/calendar_agenda.html",
        {
            "month": first,
            "days": [days[day] for day in sorted(days)],
            **_around(first),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def feed_token_reset(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)  # noqa: S101
    user_calendar_token_reset(user=request.user)
    messages.success(request, _("Your calendar feed has a new address; the old one no longer works."))
    return redirect("cases:calendar")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The user's visits as iCalendar, for Outlook or a phone; the URL's secret is the login."""
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404
    today = timezone.localdate()
    cases = (
        cases_visible_to(user)
        .filter(
            end_date__gte=today - datetime.timedelta(days=FEED_PAST_DAYS),
            start_date__lte=today + datetime.timedelta(days=FEED_FUTURE_DAYS),
        )
        .exclude(status__in=Case.WITHDRAWN)
        .select_related("lead_agency")
        .order_by("start_date")
    )
    ical = Calendar()
    ical.add("prodid", "-//TTDN//thong tin doi ngoai//VI")
    ical.add("version", "2.0")
    ical.add("x-wr-calname", f"TTDN {settings.TTDN_PROVINCE_NAME}")
    stamp = timezone.now()
    for case in cases:
        event = Event()
        event.add("uid", f"case-{case.pk}@ttdn")
        event.add("dtstamp", stamp)
        event.add("summary", f"{case.reference} {case.title}")
        event.add("dtstart", case.start_date)
        event.add("dtend", case.end_date + datetime.timedelta(days=1))  # all-day: the day after
        event.add("description", f"{case.get_status_display()} · {case.lead_agency.name_vi}")
        event.add("url", request.build_absolute_uri(case.get_absolute_url()))
        ical.add_component(event)
    response = HttpResponse(ical.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.accounts.services import user_calendar_token_reset
from ttdn.cases.models import Case

pytestmark = pytest.mark.django_db


def test_month_calendar_places_visits_on_each_of_their_days(client: Client, protocol) -> None:
    start = datetime.date(2030, 5, 30)
    case = make_delegation(actor=protocol, start=start, days=3)
    client.force_login(protocol)

    response = client.get(reverse("cases:calendar"), {"month": "2030-05"})

    days = {day.date: day.cases for week in response.context["weeks"] for day in week}
    assert [c.pk for c in days[datetime.date(2030, 5, 30)]] == [case.pk]
    assert [c.pk for c in days[datetime.date(2030, 5, 31)]] == [case.pk]
    assert [c.pk for c in days[datetime.date(2030, 6, 1)]] == [case.pk]  # the trailing week of May
    assert days[datetime.date(2030, 5, 29)] == []


def test_calendar_leaves_out_cancelled_visits_and_those_the_user_may_not_see(
    client: Client, protocol, make_user, agency_factory
) -> None:
    start = datetime.date(2030, 5, 10)
    cancelled = make_delegation(actor=protocol, start=start)
    Case.objects.filter(pk=cancelled.pk).update(status=Case.Status.CANCELLED)
    host = agency_factory()
    hosted = make_delegation(actor=protocol, start=start, co_hosts=[host])
    make_delegation(actor=protocol, start=start)
    client.force_login(make_user(Role.AGENCY, agency=host))

    response = client.get(reverse("cases:calendar"), {"month": "2030-05"})

    assert [c.pk for c in response.context["cases"]] == [hosted.pk]


def test_feed_lists_the_users_visits_as_all_day_events(client: Client, protocol) -> None:
    start = timezone.localdate() + datetime.timedelta(days=3)
    case = make_delegation(actor=protocol, start=start, days=2, title="Đoàn Nhật Bản")
    token = user_calendar_token_reset(user=protocol)

    response = client.get(reverse("cases:calendar_feed", kwargs={"token": token}))

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert f"SUMMARY:{case.reference} Đoàn Nhật Bản" in body
    assert f"DTSTART;VALUE=DATE:{start:%Y%m%d}" in body
    assert f"DTEND;VALUE=DATE:{start + datetime.timedelta(days=2):%Y%m%d}" in body


def test_feed_needs_the_current_secret_of_an_active_user(client: Client, protocol) -> None:
    old = user_calendar_token_reset(user=protocol)
    new = user_calendar_token_reset(user=protocol)

    assert client.get(reverse("cases:calendar_feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("cases:calendar_feed", kwargs={"token": "guess"})).status_code == 404
    protocol.is_active = False
    protocol.save()
    assert client.get(reverse("cases:calendar_feed", kwargs={"token": new})).status_code == 404


def test_feed_shows_only_what_its_owner_may_see(client: Client, protocol, make_user, agency_factory) -> None:
    make_delegation(actor=protocol, title="Đoàn không liên quan")
    outsider = make_user(Role.AGENCY, agency=agency_factory())
    token = user_calendar_token_reset(user=outsider)

    body = client.get(reverse("cases:calendar_feed", kwargs={"token": token})).content.decode()

    assert "VEVENT" not in body


def test_the_calendar_page_makes_and_shows_the_feed_address(client: Client, protocol) -> None:
    client.force_login(protocol)

    client.post(reverse("cases:calendar_feed_reset"))

    protocol.refresh_from_db()
    assert protocol.calendar_token
    assert protocol.calendar_token in client.get(reverse("cases:calendar")).content.decode()

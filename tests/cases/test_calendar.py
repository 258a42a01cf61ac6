from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.accounts.services import user_calendar_token_reset
from ttdn.cases.models import AccessLog, Case

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


def _agenda(client: Client, month: str = "2030-05") -> Any:
    return client.get(reverse("cases:calendar_agenda"), {"month": month})


def test_agenda_lists_each_days_programme_by_the_hour_then_visits_with_nothing_planned(
    client: Client, protocol
) -> None:
    planned = make_delegation(actor=protocol, start=datetime.date(2030, 5, 30), days=3, programme=2)
    unplanned = make_delegation(actor=protocol, start=datetime.date(2030, 5, 31), days=1)
    client.force_login(protocol)

    response = _agenda(client)

    days = {day.date: day for day in response.context["days"]}
    assert list(days) == [datetime.date(2030, 5, 30), datetime.date(2030, 5, 31)]  # June is next month's
    first = days[datetime.date(2030, 5, 30)]
    assert [(item.case_id, item.place) for item in first.items] == [
        (planned.pk, "Place 0"),
        (planned.pk, "Place 1"),
    ]
    assert first.visits == []
    assert [c.pk for c in days[datetime.date(2030, 5, 31)].visits] == [planned.pk, unplanned.pk]
    assert "Place 1" in response.content.decode()
    assert "Thứ Năm, 30/05/2030" in response.content.decode()


def test_agenda_shows_nothing_of_a_case_the_user_may_not_see(
    client: Client, protocol, make_user, agency_factory
) -> None:
    hidden = make_delegation(actor=protocol, start=datetime.date(2030, 5, 10), programme=1, title="Đoàn kín")
    client.force_login(make_user(Role.AGENCY, agency=agency_factory()))

    response = _agenda(client)

    body = response.content.decode()
    assert response.context["days"] == []
    assert hidden.reference not in body
    assert "Đoàn kín" not in body
    assert "Place 0" not in body


def test_agenda_reads_as_many_queries_however_many_items(
    client: Client, protocol, django_assert_num_queries
) -> None:
    make_delegation(actor=protocol, start=datetime.date(2030, 5, 6), days=2, programme=1)
    client.force_login(protocol)
    _agenda(client)  # the session and the user's roles, once
    with CaptureQueriesContext(connection) as few:
        _agenda(client)
    make_delegation(actor=protocol, start=datetime.date(2030, 5, 13), days=3, programme=25)

    with django_assert_num_queries(len(few)):
        response = _agenda(client)

    assert sum(len(day.items) for day in response.context["days"]) == 26


def test_agenda_logs_the_read_of_a_restricted_visit(client: Client, protocol) -> None:
    case = make_delegation(
        actor=protocol, start=datetime.date(2030, 5, 6), programme=2, access_level=Case.AccessLevel.RESTRICTED
    )
    client.force_login(protocol)

    _agenda(client)

    logged = AccessLog.objects.filter(case=case, action=AccessLog.Action.VIEW_RESTRICTED)
    assert list(logged.values_list("user", "detail")) == [(protocol.pk, "calendar agenda")]


def test_month_grid_and_agenda_are_one_tap_apart_in_vietnamese(client: Client, protocol) -> None:
    client.force_login(protocol)

    grid = client.get(reverse("cases:calendar"), {"month": "2030-05"}).content.decode()
    agenda = _agenda(client).content.decode()

    assert f'href="{reverse("cases:calendar_agenda")}?month=2030-05"' in grid
    assert f'href="{reverse("cases:calendar")}?month=2030-05"' in agenda
    assert "Lịch theo ngày" in grid

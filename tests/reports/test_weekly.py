"""The weekly schedule (lịch công tác tuần): its page, its print-out, who sees what."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog
from ttdn.reports.weekly import Week

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2030, 6, 3)  # week 23 of 2030


def _week(client: Client, week: str = "2030-W23") -> Any:
    return client.get(reverse("reports:week"), {"week": week})


def test_week_parses_iso_weeks_and_refuses_what_is_none() -> None:
    assert Week.parse("2030-W23") == Week(monday=MONDAY)
    assert Week.parse("2030-W23").previous().key() == "2030-W22"  # type: ignore[union-attr]
    assert Week(monday=datetime.date(2026, 12, 28)).following().key() == "2027-W01"
    assert Week.parse("2030-W54") is None
    assert Week.parse("next week") is None


def test_the_week_lists_each_day_with_its_items_morning_and_afternoon(
    client: Client, leader, protocol
) -> None:
    # Seven items from 8 to 14 o'clock on Tuesday: four in the morning, three in the afternoon.
    case = make_delegation(
        actor=protocol, start=MONDAY + datetime.timedelta(days=1), days=1, programme=7, title="Đoàn Nhật Bản"
    )
    client.force_login(leader)

    response = _week(client)

    days = response.context["days"]
    assert [day.date for day in days] == [MONDAY + datetime.timedelta(days=n) for n in range(7)]
    tuesday = days[1]
    assert [len(part.items) for part in tuesday.parts] == [4, 3]
    assert all(not day.parts for day in days if day is not tuesday)
    body = response.content.decode()
    for text in (
        "Thứ Hai",
        "Thứ Ba",
        "Chủ Nhật",
        "Sáng",
        "Chiều",
        case.reference,
        "Đoàn Nhật Bản",
        "Place 6",
    ):
        assert text in body
    assert "?week=2030-W22" in body
    assert "?week=2030-W24" in body


def test_the_week_shows_nothing_of_a_case_the_user_may_not_see(
    client: Client, protocol, make_user, agency_factory
) -> None:
    hidden = make_delegation(actor=protocol, start=MONDAY, programme=2, title="Đoàn kín")
    outsider = make_user(Role.AGENCY, agency=agency_factory())
    client.force_login(outsider)

    body = _week(client).content.decode()
    pdf = client.get(reverse("reports:week_pdf"), {"week": "2030-W23"}).content

    assert hidden.reference not in body
    assert "Đoàn kín" not in body
    assert "Place 0" not in body
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert hidden.reference not in text
    assert "Place 0" not in text


def test_the_week_needs_a_signed_in_user_with_a_role(client: Client, make_user) -> None:
    assert _week(client).status_code == 302
    client.force_login(make_user())

    assert _week(client).status_code == 403
    assert client.get(reverse("reports:week_pdf")).status_code == 403


def test_a_week_that_is_no_week_says_so_and_shows_this_week(client: Client, leader) -> None:
    client.force_login(leader)

    response = _week(client, "2030-W99")

    assert response.status_code == 200
    assert "không phải là một tuần" in response.content.decode()
    assert response.context["week"] == Week.of(timezone.localdate())


def test_the_week_reads_as_many_queries_however_many_items(
    client: Client, leader, protocol, django_assert_num_queries
) -> None:
    make_delegation(actor=protocol, start=MONDAY, days=1, programme=1)
    client.force_login(leader)
    _week(client)
    with CaptureQueriesContext(connection) as few:
        _week(client)
    make_delegation(actor=protocol, start=MONDAY + datetime.timedelta(days=2), days=3, programme=30)

    with django_assert_num_queries(len(few)):
        response = _week(client)

    assert sum(len(part.items) for day in response.context["days"] for part in day.parts) == 31


def test_the_print_out_is_one_a4_landscape_page_for_a_busy_week(client: Client, leader, protocol) -> None:
    # A busy week: five visits, twenty items.
    for n in range(5):
        make_delegation(actor=protocol, start=MONDAY + datetime.timedelta(days=n), days=1, programme=4)
    client.force_login(leader)

    response = client.get(reverse("reports:week_pdf"), {"week": "2030-W23"})

    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 1
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = pages[0].extract_text()
    assert "LỊCH CÔNG TÁC TUẦN" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_the_print_out_is_logged_as_an_export_of_its_cases(client: Client, leader, protocol) -> None:
    case = make_delegation(actor=protocol, start=MONDAY, days=1, programme=1)
    client.force_login(leader)

    client.get(reverse("reports:week_pdf"), {"week": "2030-W23"})

    logged = AccessLog.objects.filter(action=AccessLog.Action.EXPORT)
    assert list(logged.values_list("case", "detail")) == [(case.pk, "weekly schedule 2030-W23 (pdf)")]


def test_the_menu_leads_leaders_and_protocol_to_the_week_and_marks_it_alone(
    client: Client, leader, protocol
) -> None:
    for user in (leader, protocol):
        client.force_login(user)
        items = {str(item["label"]): item for item in _week(client).context["nav_items"]}

        assert items["Lịch công tác tuần"]["active"]
        assert not items["Báo cáo"]["active"]

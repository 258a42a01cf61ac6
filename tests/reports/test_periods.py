"""Reporting periods on the calendar and on Decree 09/2019/NĐ-CP's basis, and the basis offered
wherever a period is chosen: the report page, the command and the API."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import approve, make_delegation
from ttdn.reports.periods import Basis, Period

D = datetime.date
DECREE09 = Basis.DECREE09


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, D(2025, 12, 15), D(2026, 3, 14)),
        (2, D(2026, 3, 15), D(2026, 6, 14)),
        (3, D(2026, 6, 15), D(2026, 9, 14)),
        (4, D(2026, 9, 15), D(2026, 12, 14)),
    ],
)
def test_a_decree09_quarter_runs_from_the_15th_before_it_to_the_14th_of_its_last_month(
    quarter, start, end
) -> None:
    period = Period.of_quarter(2026, quarter, DECREE09)
    assert (period.start, period.end) == (start, end)


def test_decree09_half_years_and_year() -> None:
    first, second = Period.of_half(2026, 1, DECREE09), Period.of_half(2026, 2, DECREE09)
    assert (first.start, first.end) == (D(2025, 12, 15), D(2026, 6, 14))
    assert (second.start, second.end) == (D(2026, 6, 15), D(2026, 12, 14))
    year = Period.of_year(2026, DECREE09)
    assert (year.start, year.end) == (D(2025, 12, 15), D(2026, 12, 14))


def test_calendar_half_years() -> None:
    assert (Period.of_half(2026, 1).start, Period.of_half(2026, 1).end) == (D(2026, 1, 1), D(2026, 6, 30))
    assert (Period.of_half(2026, 2).start, Period.of_half(2026, 2).end) == (D(2026, 7, 1), D(2026, 12, 31))


def test_the_period_before_keeps_its_basis_and_leaves_no_gap() -> None:
    for period in (
        Period.of_quarter(2026, 1, DECREE09),
        Period.of_half(2026, 1, DECREE09),
        Period.of_half(2026, 2, DECREE09),
        Period.of_year(2026, DECREE09),
        Period.of_half(2026, 1),
    ):
        before = period.previous()
        assert before.basis == period.basis
        assert before.end == period.start - datetime.timedelta(days=1)
    assert Period.of_quarter(2026, 1, DECREE09).previous() == Period.of_quarter(2025, 4, DECREE09)
    assert Period.of_half(2026, 1, DECREE09).previous() == Period.of_half(2025, 2, DECREE09)


def test_the_last_decree09_quarter_turns_on_the_15th() -> None:
    assert Period.last_quarter(D(2026, 3, 14), DECREE09) == Period.of_quarter(2025, 4, DECREE09)
    assert Period.last_quarter(D(2026, 3, 15), DECREE09) == Period.of_quarter(2026, 1, DECREE09)
    assert Period.last_quarter(D(2025, 12, 20), DECREE09) == Period.of_quarter(2025, 4, DECREE09)
    assert Period.last_quarter(D(2026, 1, 5)) == Period.of_quarter(2025, 4)


def test_labels_say_the_basis_and_the_dates() -> None:
    assert Period.of_quarter(2026, 1, DECREE09).label() == (
        "Quarter 1/2026 (Decree 09/2019/NĐ-CP: 15/12/2025 – 14/03/2026)"  # noqa: RUF001
    )
    assert Period.of_half(2026, 2).label() == "Second half of 2026 (01/07/2026 – 31/12/2026)"  # noqa: RUF001
    assert Period.of_quarter(2026, 3).label() == "Quarter 3/2026"


def test_chosen_takes_the_half_and_the_basis_and_refuses_both_a_quarter_and_a_half() -> None:
    assert Period.chosen(year=2026, half=1, basis=DECREE09) == Period.of_half(2026, 1, DECREE09)
    assert Period.chosen(year=2026, quarter=2, basis="decree09") == Period.of_quarter(2026, 2, DECREE09)
    with pytest.raises(ValueError, match="not both"):
        Period.chosen(year=2026, quarter=1, half=1)
    with pytest.raises(ValueError, match="basis"):
        Period.chosen(year=2026, basis="lunar")


@pytest.fixture
def around_the_15th(db, protocol):
    """Two visits: 10 December 2025 (calendar Q4 2025 and Decree 09 Q4 2025) and 20 December 2025
    (calendar Q4 2025, Decree 09 Q1 2026)."""
    approve(make_delegation(actor=protocol, start=D(2025, 12, 10)))
    approve(make_delegation(actor=protocol, start=D(2025, 12, 20)))


@pytest.mark.django_db
def test_the_page_offers_the_basis_and_counts_on_it(around_the_15th, protocol, client) -> None:
    client.force_login(protocol)
    page = client.get(reverse("reports:report"), {"year": "2026", "quarter": "1", "basis": "decree09"})
    assert page.status_code == 200
    assert page.context["figures"]["cases"] == 1
    content = page.content.decode()
    assert 'name="basis"' in content
    assert 'name="half"' in content
    assert "15/12/2025 – 14/03/2026" in content  # noqa: RUF001
    calendar = client.get(reverse("reports:report"), {"year": "2025", "quarter": "4"})
    assert calendar.context["figures"]["cases"] == 2
    both = client.get(reverse("reports:report"), {"year": "2026", "quarter": "1", "half": "1"})
    assert both.context["period"] is None
    assert "không chọn cả hai" in both.content.decode()


@pytest.mark.django_db
def test_the_command_takes_the_basis_and_the_half(around_the_15th, protocol, capsys) -> None:
    call_command("report", "--year", "2026", "--half", "1", "--basis", "decree09", "--as", protocol.username)
    figures = json.loads(capsys.readouterr().out)
    assert figures["period"] == {"start": "2025-12-15", "end": "2026-06-14"}
    assert figures["cases"] == 1
    with pytest.raises(CommandError):
        call_command("report", "--year", "2026", "--quarter", "1", "--half", "1", "--as", protocol.username)


@pytest.mark.django_db
def test_the_api_takes_the_basis_and_the_half(around_the_15th, protocol) -> None:
    client = _as(APIClient(), protocol)
    response = client.get(f"{API}/reports/", {"year": "2026", "quarter": "1", "basis": "decree09"})
    assert response.status_code == 200
    assert response.json()["period"] == {"start": "2025-12-15", "end": "2026-03-14"}
    assert response.json()["cases"] == 1
    assert client.get(f"{API}/reports/", {"year": "2025", "half": "2"}).json()["cases"] == 2
    assert client.get(f"{API}/reports/", {"year": "2026", "basis": "lunar"}).status_code == 400
    assert client.get(f"{API}/reports/", {"year": "2026", "quarter": "1", "half": "1"}).status_code == 400

"""The outbound delegations' figures in the report, on a dataset with known totals: the trips
held in the period and met in person, the distinct officials on them (one official on two trips
is one), and the trips by country."""

from __future__ import annotations

import datetime

import pytest

from outbound.models import Official, TripMember
from outbound.services import member_add
from tests.factories import approve, make_outbound_trip
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures

pytestmark = pytest.mark.django_db
D = datetime.date
Q3 = Period.of_quarter(2026, 3)


def _trip(protocol, leader, day: datetime.date, members: list[Official], approved: bool = True, **fields):
    case = make_outbound_trip(actor=protocol, start=day, **fields)
    for index, official in enumerate(members):
        member_add(actor=protocol, case=case, official=official, role="head" if index == 0 else "member")
    return approve(case, leader=leader) if approved else case


def test_officials_and_trips_on_a_dataset_with_known_totals(protocol, leader) -> None:
    a, b, c, d, e = (
        Official.objects.create(full_name=name, agency=protocol.agency)
        for name in ("An", "Bình", "Chi", "Dũng", "Em")
    )
    _trip(protocol, leader, D(2026, 7, 6), [a, b, c], countries=["JP"])
    _trip(protocol, leader, D(2026, 8, 10), [a, d], countries=["KR", "JP"])  # An travels twice: one official
    _trip(protocol, leader, D(2026, 9, 1), [e], countries=["FR"], mode="online")  # online: apart
    _trip(protocol, leader, D(2026, 9, 8), [e], approved=False, countries=["FR"])  # a draft does not count
    _trip(protocol, leader, D(2026, 10, 5), [e], countries=["FR"])  # next quarter
    assert TripMember.objects.count() == 8

    figures = report_figures(protocol, Q3)

    assert (figures["outbound_delegations"], figures["officials"]) == (2, 4)
    assert figures["foreign_visitors"] == 0  # officials are no foreign visitors
    by_country = {row["country"]: row["cases"] for row in figures["by_country"]}
    assert (by_country["JP"], by_country["KR"]) == (2, 1)
    assert all(row["visitors"] == 0 for row in figures["by_country"])

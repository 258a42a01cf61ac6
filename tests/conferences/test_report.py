"""The report's conference figures on a dataset with known totals (Q3 2026): conferences held
with people present and approved or later; their distinct foreign participants (one person at two
conferences counts once; Vietnamese participants and online conferences do not count); the
foreign participants by country beside the other kinds' visitors."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import approve, make_conference, make_delegation
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures

pytestmark = pytest.mark.django_db
D = datetime.date
Q3 = Period.of_quarter(2026, 3)


def test_the_conference_figures_add_up(protocol, leader) -> None:
    anna, jean, lan = ("Anna Müller", "DE"), ("Jean Martin", "FR"), ("Nguyễn Thị Lan", "VN")
    sarah, ken = ("Sarah Lee", "US"), ("Kato Ken", "JP")
    approve(
        make_conference(
            actor=protocol, start=D(2026, 8, 3), participants=(anna, jean, lan), countries=["DE", "FR"]
        ),
        leader=leader,
    )
    approve(
        make_conference(
            actor=protocol,
            start=D(2026, 8, 10),
            mode="mixed",
            participants=(anna, sarah, ken),
            countries=["DE", "US", "JP"],
        ),
        leader=leader,
    )
    approve(
        make_conference(
            actor=protocol,
            start=D(2026, 8, 12),
            mode="online",
            participants=(("Online Guest", "KR"),),
            countries=["KR"],
        ),
        leader=leader,
    )
    make_conference(
        actor=protocol, start=D(2026, 8, 15), participants=(("Draft Guest", "DE"),)
    )  # not approved
    approve(
        make_conference(actor=protocol, start=D(2026, 10, 5), participants=(("Later Guest", "DE"),)),
        leader=leader,
    )  # Q4
    approve(make_delegation(actor=protocol, start=D(2026, 8, 20), countries=["JP"]), leader=leader)  # fmt: skip

    figures = report_figures(protocol, Q3)

    assert figures["conferences"] == 2
    assert figures["conference_foreign_participants"] == 4  # Anna, Jean, Sarah, Ken
    assert figures["online_meetings"] == 1
    visitors = {entry["country"]: entry["visitors"] for entry in figures["by_country"]}
    assert visitors == {"DE": 1, "FR": 1, "US": 1, "JP": 2, "KR": 0}  # JP: Ken and the delegation's guest
    assert figures["previous"]["conferences"] == 0

"""The NGOs' and aid projects' figures in the report, on a dataset with known totals."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from ngos.models import AidSector, Certificate
from tests.factories import approve, make_delegation
from tests.ngos.projects_helpers import D, make_ngo, make_project
from ttdn.accounts.roles import Role
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures

pytestmark = pytest.mark.django_db
YEAR = Period.of_year(2026)


def _certificate(ngo: Any, issued: datetime.date, until: datetime.date) -> None:
    Certificate.objects.create(ngo=ngo, kind="operation", event="issued", number=f"{ngo.pk}/{issued}",
                               issued_on=issued, valid_until=until)  # fmt: skip


def _counted_visit(protocol: Any, ngo: Any, start: datetime.date) -> None:
    approve(make_delegation(actor=protocol, counterpart=ngo.organisation, start=start))


def test_the_report_counts_ngos_visits_projects_and_aid(make_user: Any, agency_factory: Any) -> None:
    protocol = make_user(Role.PROTOCOL)
    # The visits lie ahead (the workflow wants it): the year of the report is theirs.
    start = timezone.localdate() + datetime.timedelta(days=10)
    y = start.year
    year = Period.of_year(y)
    care, plan, oxfam = make_ngo("CARE"), make_ngo("Plan"), make_ngo("Oxfam")
    _certificate(care, D(y - 2, 1, 1), D(y + 2, 12, 31))  # active
    _certificate(plan, D(y, 11, 1), D(y + 5, 10, 31))  # active from November
    _certificate(oxfam, D(y - 6, 1, 1), D(y - 1, 12, 31))  # ended before the year
    _counted_visit(protocol, care, start)
    _counted_visit(protocol, care, start)
    _counted_visit(protocol, plan, start)
    make_delegation(actor=protocol, counterpart=oxfam.organisation, start=start)  # a draft: not counted

    north, south = agency_factory(code="xa-bac"), agency_factory(code="xa-nam")
    water = {"decision_date": D(y, 2, 1), "start_date": D(y, 3, 1), "end_date": D(y + 1, 2, 28)}
    make_project(
        protocol, care, committed=1_000_000_000, disbursed=400_000_000, communes=[north, south], **water
    )
    make_project(protocol, plan, committed=500_000_000, disbursed=0, communes=[north], status="under_way",
                 sector=AidSector.objects.get(code="health"),
                 decision_date=None, start_date=D(y, 6, 1), end_date=D(y, 12, 31))  # fmt: skip
    make_project(
        protocol,
        oxfam,
        committed=9_000_000_000,
        decision_date=D(y - 1, 6, 1),
        start_date=D(y - 1, 7, 1),
        end_date=D(y, 6, 30),
        status="completed",
    )  # running, not approved in y
    make_project(protocol, oxfam, committed=7_000_000_000, status="proposed", decision_date=D(y, 5, 1),
                 start_date=D(y, 5, 1), end_date=D(y, 9, 30))  # proposed: no aid yet  # fmt: skip

    sections = report_figures(protocol, year)["sections"]
    ngos = dict(sections["ngos"])
    assert ngos["active_ngos"][1] == 2
    assert ngos["visits:CARE"][1] == 2 and ngos["visits:Plan"][1] == 1
    assert "visits:Oxfam" not in ngos

    projects = dict(sections["aid_projects"])
    assert (projects["approved"][1], projects["under_way"][1], projects["completed"][1]) == (1, 1, 1)
    assert projects["proposed"][1] == 1

    aid = dict(sections["aid"])
    assert aid["total"][1:] == [2, 1_500_000_000, 400_000_000]
    assert aid[f"year:{y}"][1:] == [2, 1_500_000_000, 400_000_000]
    assert aid["sector:Y tế"][1:] == [1, 500_000_000, 0]
    assert aid["commune:xa-bac"][1:] == [2, 1_500_000_000, 400_000_000]
    assert aid["commune:xa-nam"][1:] == [1, 1_000_000_000, 400_000_000]


def test_the_sections_are_for_who_reads_the_registry(make_user: Any) -> None:
    for role in (Role.PROTOCOL, Role.LEADER, Role.ADMIN, Role.POLICE):
        assert {"ngos", "aid_projects", "aid"} <= set(report_figures(make_user(role), YEAR)["sections"])
    assert not {"ngos", "aid_projects", "aid"} & set(report_figures(make_user(Role.AGENCY), YEAR)["sections"])


def test_the_sections_export_to_every_format(client: Any, make_user: Any) -> None:
    from django.urls import reverse

    protocol = make_user(Role.PROTOCOL)
    make_project(protocol, make_ngo(), decision_date=D(2026, 2, 1))
    client.force_login(protocol)
    for fmt in ("xlsx", "csv", "pdf"):
        answer = client.get(reverse("reports:export", args=["figures", fmt]), {"year": "2026"})
        assert answer.status_code == 200, fmt
    answer = client.get("/api/v1/reports/", {"year": "2026"})
    assert answer.status_code == 200 and "aid" in answer.json()["sections"]

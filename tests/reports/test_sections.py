"""Tables that apps beside the cases register for the report: shown to the readers the section
allows, in the JSON, the page and every export alike; absent for the others."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator

import pytest
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from tests.factories import approve, make_delegation
from ttdn.accounts.roles import Role, has_role
from ttdn.reports import sections
from ttdn.reports.periods import Period
from ttdn.reports.sections import ReportSection
from ttdn.reports.statistics import report_figures

pytestmark = pytest.mark.django_db


def _cases_by_title(user, period):
    from ttdn.reports.statistics import counted_cases

    return [(case.reference, [case.title, 2500000]) for case in counted_cases(user, period)]


@pytest.fixture
def leaders_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[ReportSection]:
    section = ReportSection(
        key="leaders_table",
        title="Leaders' table",
        header=["Title", "Count"],
        rows=_cases_by_title,
        visible_to=lambda user: has_role(user, Role.LEADER),
    )
    monkeypatch.setattr(sections, "_registry", {**sections._registry, section.key: section})
    yield section


def _q3() -> Period:
    return Period.of_quarter(2026, 3)


def test_a_section_is_in_the_report_of_the_readers_it_allows_only(leaders_table, protocol, leader, make_user):
    case = approve(make_delegation(actor=protocol, start=datetime.date(2026, 8, 3)), leader=leader)
    police = make_user(Role.POLICE)

    seen = report_figures(leader, _q3())["sections"]
    assert seen["leaders_table"] == [[case.reference, [case.title, 2500000]]]
    assert "leaders_table" not in report_figures(protocol, _q3())["sections"]
    assert "leaders_table" not in report_figures(police, _q3())["sections"]


def test_a_section_is_a_table_of_the_page_and_a_sheet_of_the_workbook(
    leaders_table, client, protocol, leader
):
    case = approve(make_delegation(actor=protocol, start=datetime.date(2026, 8, 3)), leader=leader)
    client.force_login(leader)
    page = client.get(reverse("reports:report"), {"year": "2026", "quarter": "3"})
    assert "Leaders&#x27; table" in page.content.decode() or "Leaders' table" in page.content.decode()
    assert case.title in page.content.decode()
    assert "2.500.000" in page.content.decode()  # a figure in the reader's separators

    workbook = client.get(
        reverse("reports:export", args=["figures", "xlsx"]), {"year": "2026", "quarter": "3"}
    )
    sheets = load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert "Leaders' table" in sheets

    client.force_login(protocol)
    page = client.get(reverse("reports:report"), {"year": "2026", "quarter": "3"})
    assert "Leaders" not in page.content.decode()

"""What the report's figures count: a visit once approved or later; online meetings apart,
whatever their direction. And what a kind adds to the report is declared with its registration
(the outbound delegations' officials: tests/outbound/test_reports.py)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.db.models import F, Q

from tests.factories import approve, make_delegation, make_outbound_trip, police_clear
from ttdn.cases import kinds
from ttdn.cases.models import Case
from ttdn.cases.services.cases import case_record_decision
from ttdn.cases.services.workflow import case_complete, case_start, case_submit
from ttdn.reports.exports import definitions, summary_rows
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures, summary_line

pytestmark = pytest.mark.django_db
D = datetime.date
Q3 = Period.of_quarter(2026, 3)


def _visit(protocol, day: int, **fields) -> Case:
    return make_delegation(actor=protocol, start=D(2026, 8, day), **fields)


def test_a_visit_counts_only_once_approved_or_later(protocol, leader) -> None:
    draft = _visit(protocol, 3)
    submitted = case_submit(actor=protocol, case=_visit(protocol, 4))
    under_review = _visit(protocol, 5)
    police_clear(case_submit(actor=protocol, case=under_review))
    approved = approve(_visit(protocol, 6), leader=leader)
    started = approve(_visit(protocol, 7), leader=leader)
    started = case_record_decision(actor=protocol, case=started, number="1/QĐ", date=D(2026, 8, 1))
    started = case_start(actor=protocol, case=started)
    completed = case_complete(actor=protocol, case=case_start(actor=protocol, case=case_record_decision(
        actor=protocol, case=approve(_visit(protocol, 8), leader=leader), number="2/QĐ", date=D(2026, 8, 1))))  # fmt: skip
    assert [c.status for c in (draft, submitted, approved, started, completed)] == [
        "draft", "submitted", "approved", "in_progress", "completed"
    ]  # fmt: skip
    assert Case.objects.get(pk=under_review.pk).status == "under_review"

    figures = report_figures(protocol, Q3)

    assert (figures["cases"], figures["inbound_delegations"], figures["foreign_visitors"]) == (3, 3, 3)
    assert sum(entry["cases"] for entry in figures["by_month"]) == 3


def test_online_meetings_count_apart_whatever_their_direction(protocol, leader) -> None:
    approve(_visit(protocol, 3, mode="online"), leader=leader)
    approve(make_outbound_trip(actor=protocol, start=D(2026, 8, 4), mode="online", members=1), leader=leader)
    approve(make_outbound_trip(actor=protocol, start=D(2026, 8, 5), members=1), leader=leader)

    figures = report_figures(protocol, Q3)

    assert figures["online_meetings"] == 2
    assert (figures["inbound_delegations"], figures["outbound_delegations"]) == (0, 1)
    assert figures["cases"] == 3


def test_a_kinds_figures_come_with_its_registration(protocol, leader, monkeypatch) -> None:
    for day, days in ((3, 2), (4, 2), (5, 1)):
        approve(_visit(protocol, day, days=days), leader=leader)
    approve(make_delegation(actor=protocol, start=D(2026, 5, 4), days=3), leader=leader)  # the quarter before
    delegation = kinds.get("delegation")
    extra = kinds.ReportFigure(
        key="test_days",
        label="Days",
        definition="Visits of more than a day.",
        cases=Q(end_date__gt=F("start_date")),
    )
    report = dataclasses.replace(delegation.report, figures=(*delegation.report.figures, extra))
    monkeypatch.setitem(kinds._registry, "delegation", dataclasses.replace(delegation, report=report))

    figures = report_figures(protocol, Q3)

    assert (figures["test_days"], figures["previous"]["test_days"]) == (2, 1)
    assert ("test_days", "Days", 2, 1) in summary_rows(figures)  # the page and every file
    assert ("Days", "Visits of more than a day.") in definitions()
    assert "; Days: 2; " in summary_line(figures)  # the quarterly summary


def test_follow_ups_count_by_the_local_day_at_the_period_s_edges(protocol, leader) -> None:
    """A follow-up opened at 00:30 on 1 July in Hà Nội (17:30 UTC the day before) is the third
    quarter's; one opened at 23:30 on 30 June, the second's; closed at 00:30 on 1 October, it was
    still open (overdue) at the end of the third."""
    import zoneinfo

    from ttdn.cases.models import FollowUp
    from ttdn.cases.services.followups import followup_create

    local = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    case = approve(_visit(protocol, 10), leader=leader)

    def opened(at: datetime.datetime, *, closed: datetime.datetime | None = None) -> None:
        followup = followup_create(actor=protocol, case=case, title="Gửi thư", due_date=D(2026, 7, 15),
                                   assignee_agency=case.lead_agency)  # fmt: skip
        status = FollowUp.Status.DONE if closed else FollowUp.Status.OPEN
        FollowUp.objects.filter(pk=followup.pk).update(created_at=at, status=status, closed_at=closed)

    opened(datetime.datetime(2026, 7, 1, 0, 30, tzinfo=local))
    opened(datetime.datetime(2026, 6, 30, 23, 30, tzinfo=local))
    opened(
        datetime.datetime(2026, 7, 2, tzinfo=local),
        closed=datetime.datetime(2026, 10, 1, 0, 30, tzinfo=local),
    )
    opened(
        datetime.datetime(2026, 7, 3, tzinfo=local),
        closed=datetime.datetime(2026, 9, 30, 23, 30, tzinfo=local),
    )

    figures = report_figures(leader, Q3)

    # opened on 1, 2 and 3 July; done on 30 September; at the end of September, due on 15 July and
    # not closed: the two still open and the one closed on 1 October
    assert figures["follow_ups"] == {"opened": 3, "done": 1, "overdue": 3}
    assert figures["previous"]["follow_ups"] == {"opened": 1, "done": 0, "overdue": 0}  # 30 June

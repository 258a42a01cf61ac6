"""What an NGO owes and when: a certificate's activity plan and bank-account notice in working
days after it, a project's progress reports after each period, the annual reports."""

from __future__ import annotations

import datetime

import pytest

from ngos.deadlines import add_months, period_ends
from ngos.models import AidProject, AidSector, Certificate, Filing, Ngo
from ngos.services.filings import annual_reports_owe, certificate_filings_owe, project_filings_owe
from ttdn.cases.deadlines import add_working_days, working_days_between
from ttdn.cases.models import Organisation, Timer

D = datetime.date


def test_months_are_added_to_the_same_day_or_the_month_s_last() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)
    assert add_months(D(2026, 12, 1), 1) == D(2027, 1, 1)


def test_a_project_s_periods_end_every_n_months_the_last_cut_at_its_end() -> None:
    assert period_ends(D(2026, 1, 1), D(2026, 12, 31), 6) == [D(2026, 6, 30), D(2026, 12, 31)]
    assert period_ends(D(2026, 3, 15), D(2027, 1, 10), 6) == [D(2026, 9, 14), D(2027, 1, 10)]
    assert period_ends(D(2026, 1, 1), D(2026, 1, 1), 3) == [D(2026, 1, 1)]


@pytest.fixture
def ngo(db: None) -> Ngo:
    return Ngo.objects.create(organisation=Organisation.objects.create(name="CARE", kind="ngo", country="US"))


@pytest.mark.django_db
def test_a_certificate_owes_its_plan_and_bank_notice_in_working_days_across_tet(ngo: Ngo) -> None:
    # Issued just before Tết 2027 (6 February): the holiday's days are not counted.
    certificate = Certificate.objects.create(
        ngo=ngo, kind="operation", event="issued", number="01/GĐK", issued_on=D(2027, 1, 29),
        valid_until=D(2032, 1, 28),
    )  # fmt: skip
    plan, bank = certificate_filings_owe(certificate=certificate)
    assert (plan.kind, bank.kind) == (Filing.Kind.ACTIVITY_PLAN, Filing.Kind.BANK_ACCOUNT)
    assert working_days_between(certificate.issued_on, plan.due_on) == 45
    assert working_days_between(certificate.issued_on, bank.due_on) == 10
    assert (bank.due_on - certificate.issued_on).days > 14  # ten weekdays would be 12 days: Tết is off

    certificate_filings_owe(certificate=certificate)  # again: nothing owed twice
    assert Filing.objects.filter(certificate=certificate).count() == 2


@pytest.mark.django_db
def test_a_changed_timer_moves_what_is_not_yet_received(ngo: Ngo) -> None:
    certificate = Certificate.objects.create(
        ngo=ngo, kind="operation", event="renewed", number="02/GĐK", issued_on=D(2026, 9, 1),
        valid_until=D(2031, 8, 31),
    )  # fmt: skip
    plan, bank = certificate_filings_owe(certificate=certificate)
    Filing.objects.filter(pk=bank.pk).update(received_on=D(2026, 9, 5))
    Timer.objects.filter(code__in=["ngo_activity_plan", "ngo_bank_account"]).update(working_days=30)
    plan, bank = certificate_filings_owe(certificate=certificate)
    assert plan.due_on == add_working_days(D(2026, 9, 1), 30)
    assert bank.due_on == add_working_days(D(2026, 9, 1), 10)  # received: left as it was owed


@pytest.mark.django_db
def test_a_running_project_owes_a_report_after_each_period(ngo: Ngo) -> None:
    project = AidProject.objects.create(
        ngo=ngo, title="Nước sạch", sector=AidSector.objects.get(code="water"), committed=1_000_000_000,
        start_date=D(2026, 1, 1), end_date=D(2026, 12, 31), status=AidProject.Status.UNDER_WAY,
    )  # fmt: skip
    owed = project_filings_owe(project=project)
    assert [filing.period_end for filing in owed] == [D(2026, 6, 30), D(2026, 12, 31)]
    assert owed[0].due_on == add_working_days(D(2026, 6, 30), 15)

    AidProject.objects.filter(pk=project.pk).update(end_date=D(2026, 9, 30))
    project.refresh_from_db()
    owed = project_filings_owe(project=project)
    assert [filing.period_end for filing in owed] == [D(2026, 6, 30), D(2026, 9, 30)]
    assert Filing.objects.filter(project=project).count() == 2


@pytest.mark.django_db
def test_a_proposed_project_owes_nothing_yet(ngo: Ngo) -> None:
    project = AidProject.objects.create(
        ngo=ngo, title="Trường học", sector=AidSector.objects.get(code="education"), committed=1,
        start_date=D(2026, 1, 1), end_date=D(2026, 12, 31),
    )  # fmt: skip
    assert project_filings_owe(project=project) == []


@pytest.mark.django_db
def test_the_annual_report_is_owed_by_the_ngos_certified_that_year(ngo: Ngo) -> None:
    other = Ngo.objects.create(
        organisation=Organisation.objects.create(name="Oxfam", kind="ngo", country="GB")
    )
    Certificate.objects.create(ngo=ngo, kind="operation", event="issued", number="1", issued_on=D(2024, 1, 1),
                               valid_until=D(2026, 3, 1))  # fmt: skip
    Certificate.objects.create(ngo=other, kind="operation", event="issued", number="2", issued_on=D(2020, 1, 1),
                               valid_until=D(2025, 1, 1))  # fmt: skip
    owed = annual_reports_owe(year=2026)
    assert [(filing.ngo, filing.due_on) for filing in owed] == [(ngo, D(2026, 12, 15))]
    annual_reports_owe(year=2026)
    assert Filing.objects.filter(kind=Filing.Kind.ANNUAL_REPORT).count() == 1


@pytest.mark.django_db
def test_a_progress_report_after_a_period_ending_before_tet_counts_working_days(ngo: Ngo) -> None:
    # The first half-year ends on 31 January 2027; Tết 2027 (6 February) falls in the 15 working
    # days the report is given: they are not counted.
    project = AidProject.objects.create(
        ngo=ngo, title="Sinh kế", sector=AidSector.objects.get(code="livelihood"), committed=1,
        start_date=D(2026, 8, 1), end_date=D(2027, 7, 31), status=AidProject.Status.UNDER_WAY,
    )  # fmt: skip
    first = project_filings_owe(project=project)[0]
    assert first.period_end == D(2027, 1, 31)
    assert working_days_between(first.period_end, first.due_on) == 15
    assert (first.due_on - first.period_end).days > 21  # three weeks of weekdays would do without Tết

"""The registry's reminders to protocol staff: a filing due soon and overdue, a certificate ending in
90 days and on its last day; each once, on its day (in working days across Tết 2027, 6 February,
where the rule counts them), none after the filing arrived or the certificate was renewed."""

from __future__ import annotations

import datetime

import pytest

from ngos.models import Certificate, Filing, Ngo
from ngos.services.filings import annual_reports_owe, certificate_filings_owe
from tests.factories import police_officer
from tests.notifications.sweeps import sent, sweep_on
from ttdn.accounts.models import User
from ttdn.cases.models import Organisation
from ttdn.notifications.messages import render
from ttdn.notifications.models import Notification, ReminderRule

pytestmark = pytest.mark.django_db
D = datetime.date
ISSUED = D(2027, 1, 21)  # a Thursday two weeks before Tết: the 10 working days end on 11 February


@pytest.fixture
def ngo(db: None) -> Ngo:
    return Ngo.objects.create(organisation=Organisation.objects.create(name="CARE", kind="ngo", country="US"))


@pytest.fixture
def certificate(ngo: Ngo) -> Certificate:
    return Certificate.objects.create(
        ngo=ngo,
        kind="operation",
        event="issued",
        number="01/GĐK",
        issued_on=ISSUED,
        valid_until=D(2027, 6, 30),
    )


def test_the_default_rules_are_there_for_the_admins_to_edit() -> None:
    rules = dict(ReminderRule.objects.filter(code__startswith="ngo-").values_list("code", "trigger"))
    assert rules == {
        "ngo-filing-due-5": "ngo_filing_due",
        "ngo-filing-overdue": "ngo_filing_overdue",
        "ngo-certificate-ending-90": "ngo_certificate_ending",
        "ngo-certificate-ending-0": "ngo_certificate_ending",
    }
    assert all(
        rule.audiences == ["protocol"] for rule in ReminderRule.objects.filter(code__startswith="ngo-")
    )


def test_a_filing_due_reminds_protocol_5_working_days_before_across_tet(
    protocol: User, certificate: Certificate
) -> None:
    police = police_officer()
    plan, bank = certificate_filings_owe(certificate=certificate)
    assert (bank.due_on, plan.due_on) == (D(2027, 2, 11), D(2027, 4, 1))

    sweep_on(D(2027, 1, 27))  # 5 working days ahead is 3 February: not yet
    assert sent("ngo_filing_due") == []
    sweep_on(D(2027, 1, 28), D(2027, 2, 3), D(2027, 2, 10))  # Tết in between: 14 calendar days before
    assert sent("ngo_filing_due") == [(protocol.username, f"ngo-filing-due-5:{bank.pk}:2027-02-11")]
    assert render(Notification.objects.get(kind="ngo_filing_due")) == (
        "CARE: Bank account notice (certificate no. 01/GĐK) is due on 11/02/2027."
    )

    sweep_on(D(2027, 3, 24))  # the activity plan: 5 working days before 1 April is 25 March
    assert Notification.objects.filter(kind="ngo_filing_due").count() == 1
    sweep_on(D(2027, 3, 25))
    assert sent("ngo_filing_due") == sorted([
        (protocol.username, f"ngo-filing-due-5:{bank.pk}:2027-02-11"),
        (protocol.username, f"ngo-filing-due-5:{plan.pk}:2027-04-01"),
    ])  # fmt: skip
    assert not Notification.objects.filter(recipient=police).exists()  # protocol's work, not the police's


def test_an_overdue_filing_reminds_once_the_day_after_its_due_date(
    protocol: User, certificate: Certificate
) -> None:
    _plan, bank = certificate_filings_owe(certificate=certificate)
    sweep_on(D(2027, 2, 11))  # due today: not overdue yet
    assert sent("ngo_filing_overdue") == []
    sweep_on(D(2027, 2, 12), D(2027, 2, 15), D(2027, 3, 1))
    assert sent("ngo_filing_overdue") == [(protocol.username, f"ngo-filing-overdue:{bank.pk}:2027-02-11")]
    assert render(Notification.objects.get(kind="ngo_filing_overdue")) == (
        "CARE: Bank account notice (certificate no. 01/GĐK) was due on 11/02/2027 and has not been received."
    )


def test_a_filing_received_never_reminds(protocol: User, certificate: Certificate) -> None:
    for filing in certificate_filings_owe(certificate=certificate):
        Filing.objects.filter(pk=filing.pk).update(received_on=D(2027, 1, 25))
    sweep_on(D(2027, 1, 28), D(2027, 2, 11), D(2027, 2, 12), D(2027, 3, 25), D(2027, 4, 2), D(2027, 5, 3))
    assert Notification.objects.filter(kind__in=["ngo_filing_due", "ngo_filing_overdue"]).count() == 0


def test_a_filing_received_after_it_was_due_soon_is_not_overdue(
    protocol: User, certificate: Certificate
) -> None:
    _plan, bank = certificate_filings_owe(certificate=certificate)
    sweep_on(D(2027, 1, 28))
    Filing.objects.filter(pk=bank.pk).update(received_on=D(2027, 2, 10))
    sweep_on(D(2027, 2, 12), D(2027, 2, 20))
    assert len(sent("ngo_filing_due")) == 1
    assert sent("ngo_filing_overdue") == []


def test_the_annual_report_reminds_with_its_year(protocol: User, certificate: Certificate) -> None:
    (report,) = annual_reports_owe(year=2027)  # due 15 December 2027 (the settings' default)
    sweep_on(D(2027, 12, 7))
    assert sent("ngo_filing_due") == []
    sweep_on(D(2027, 12, 8))
    assert sent("ngo_filing_due") == [(protocol.username, f"ngo-filing-due-5:{report.pk}:2027-12-15")]
    assert (
        render(Notification.objects.get(kind="ngo_filing_due"))
        == "CARE: Annual report 2027 is due on 15/12/2027."
    )


def test_a_certificate_ending_reminds_90_days_before_and_on_its_day(
    protocol: User, certificate: Certificate
) -> None:
    sweep_on(D(2027, 3, 31))  # 91 days before 30 June
    assert sent("ngo_certificate_ending") == []
    sweep_on(D(2027, 4, 1), D(2027, 4, 2), D(2027, 6, 29))
    assert sent("ngo_certificate_ending") == [
        (protocol.username, f"ngo-certificate-ending-90:{certificate.pk}:2027-06-30")
    ]
    assert render(Notification.objects.get(kind="ngo_certificate_ending")) == (
        "The certificate no. 01/GĐK of CARE ends on 30/06/2027."
    )
    sweep_on(D(2027, 6, 30), D(2027, 7, 1))
    assert sent("ngo_certificate_ending") == [
        (protocol.username, f"ngo-certificate-ending-0:{certificate.pk}:2027-06-30"),
        (protocol.username, f"ngo-certificate-ending-90:{certificate.pk}:2027-06-30"),
    ]


def test_a_certificate_renewed_in_time_does_not_remind(protocol: User, certificate: Certificate) -> None:
    Certificate.objects.create(
        ngo=certificate.ngo, kind="operation", event="renewed", number="02/GĐK", issued_on=D(2027, 3, 1),
        valid_until=D(2032, 2, 28),
    )  # fmt: skip
    sweep_on(D(2027, 4, 1), D(2027, 6, 30))
    assert sent("ngo_certificate_ending") == []

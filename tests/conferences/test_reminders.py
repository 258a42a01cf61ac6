"""The conferences' reminders, each once, on its day, across Tết 2027 (4 to 10 February off): the
dossier due in 7 calendar days and overdue; a consulted agency's opinion due in 2 working days and
overdue (to the agency's staff); the report after the event due (the core's rule, at the kind's
timer). None after the dossier is submitted or the opinion given."""

from __future__ import annotations

import datetime

import pytest

from conferences.models import Conference
from conferences.services import consultation_add, opinion_record
from tests.factories import approve, make_agency, make_conference
from tests.notifications.sweeps import sent, sweep_on
from ttdn.accounts.roles import Role
from ttdn.cases.services.cases import case_record_decision
from ttdn.cases.services.workflow import case_complete, case_start
from ttdn.notifications.messages import render
from ttdn.notifications.models import Notification, ReminderRule

pytestmark = pytest.mark.django_db
D = datetime.date
START = D(2027, 3, 3)  # the dossier is due Monday 1 February 2027


def test_the_default_rules_are_there_for_the_admins_to_edit() -> None:
    rules = dict(ReminderRule.objects.filter(code__startswith="conference-").values_list("code", "trigger"))

    assert rules == {
        "conference-dossier-due-7": "conference_dossier_due",
        "conference-dossier-overdue": "conference_dossier_overdue",
        "conference-opinion-due-2": "conference_opinion_due",
        "conference-opinion-overdue": "conference_opinion_overdue",
    }


def test_the_dossier_due_in_7_days_reminds_the_officer_once(protocol) -> None:
    case = make_conference(actor=protocol, start=START)

    sweep_on(D(2027, 1, 24))
    assert sent("conference_dossier_due") == []
    sweep_on(D(2027, 1, 25), D(2027, 1, 28))

    assert sent("conference_dossier_due") == [
        (protocol.username, f"conference-dossier-due-7:{case.pk}:2027-02-01")
    ]
    message = render(Notification.objects.get(kind="conference_dossier_due"))
    assert case.reference in message and "01/02/2027" in message


def test_the_dossier_overdue_reminds_from_the_next_day_until_it_is_submitted(protocol) -> None:
    case = make_conference(actor=protocol, start=START)

    sweep_on(D(2027, 2, 1))
    assert sent("conference_dossier_overdue") == []
    sweep_on(D(2027, 2, 2))
    assert (protocol.username, f"conference-dossier-overdue:{case.pk}:2027-02-01") in sent(
        "conference_dossier_overdue"
    )

    Notification.objects.all().delete()
    Conference.objects.filter(case=case).update(dossier_submitted_on=D(2027, 2, 3))
    sweep_on(D(2027, 2, 4), D(2027, 1, 28))
    assert sent("conference_dossier_overdue") == sent("conference_dossier_due") == []


def test_an_opinion_due_after_tet_reminds_the_agency_asked_two_working_days_before(
    make_user, protocol
) -> None:
    asked = make_agency()
    staff = make_user(Role.AGENCY, agency=asked)
    case = make_conference(actor=protocol, start=START)
    consultation = consultation_add(
        actor=protocol, case=case, agency=asked, asked_on=D(2027, 2, 2)
    )  # due 18 Feb

    sweep_on(D(2027, 2, 15))
    assert sent("conference_opinion_due") == []
    sweep_on(D(2027, 2, 16))

    key = f"conference-opinion-due-2:{consultation.pk}:2027-02-18"
    assert sent("conference_opinion_due") == sorted([(staff.username, key), (protocol.username, key)])


def test_an_opinion_overdue_reminds_until_it_is_given(make_user, protocol) -> None:
    asked = make_agency()
    staff = make_user(Role.AGENCY, agency=asked)
    case = make_conference(actor=protocol, start=START)
    consultation = consultation_add(actor=protocol, case=case, agency=asked, asked_on=D(2027, 2, 2))

    sweep_on(D(2027, 2, 18))
    assert sent("conference_opinion_overdue") == []
    sweep_on(D(2027, 2, 19))
    assert (staff.username, f"conference-opinion-overdue:{consultation.pk}:2027-02-18") in sent(
        "conference_opinion_overdue"
    )

    Notification.objects.all().delete()
    opinion_record(actor=staff, consultation=consultation, answered_on=D(2027, 2, 19), opinion="Đồng ý.")
    sweep_on(D(2027, 2, 22))
    assert sent("conference_opinion_overdue") == []


def test_the_report_after_the_event_is_due_by_the_kind_s_timer(protocol, leader) -> None:
    case = make_conference(actor=protocol, start=D(2027, 2, 1), days=2)  # ends 2 February
    case = approve(case, leader=leader)
    case = case_record_decision(actor=protocol, case=case, number="5/QĐ-UBND", date=D(2027, 1, 20))
    case = case_complete(actor=protocol, case=case_start(actor=protocol, case=case))
    report = case.follow_ups.get()  # due Wednesday 17 February: 15 days, Tết included

    sweep_on(D(2027, 2, 12))
    assert sent("report_due") == []
    sweep_on(D(2027, 2, 15))  # two working days before

    assert (protocol.username, f"report-due:{report.pk}:2027-02-17") in sent("report_due")

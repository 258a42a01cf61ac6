"""The outbound timers across Tết (16-20 February 2026 are public holidays, Monday to Friday),
and the reminders of the passports' return and of the report on return."""

from __future__ import annotations

import datetime

import pytest

from outbound.deadlines import passport_return_due
from outbound.models import TripMember
from outbound.services import PassportData, passport_save
from tests.factories import make_outbound_trip
from ttdn.cases.models import Timer
from ttdn.cases.services.post_visit import report_due_date, report_followup_open
from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep

pytestmark = pytest.mark.django_db
D = datetime.date
END = D(2026, 2, 12)  # a Thursday, the last working week before Tết


@pytest.fixture
def trip(protocol):
    """A trip back on 12 February 2026, its head's passport handed out and not back yet."""
    case = make_outbound_trip(
        actor=protocol, start=D(2026, 2, 9), days=4, members=1, responsible_officer=protocol
    )
    member = TripMember.objects.get(trip__case=case)
    passport_save(
        actor=protocol,
        case=case,
        member=member,
        data=PassportData(kind="official", number="C1234567", handed_out_on=D(2026, 2, 6)),
    )
    return case


def test_the_passports_are_due_five_working_days_after_the_trip_across_tet(trip) -> None:
    # Friday 13, then Tết, then Monday 23 to Thursday 26 February.
    assert passport_return_due(start=trip.start_date, end=trip.end_date) == D(2026, 2, 26)


def test_the_passport_timer_is_the_admins_to_change(trip) -> None:
    Timer.objects.filter(code="outbound_passport_return").update(working_days=10)

    assert passport_return_due(start=trip.start_date, end=trip.end_date) == D(2026, 3, 5)


def test_the_report_on_return_is_due_fifteen_working_days_after_across_tet(trip, protocol) -> None:
    # 13 February; 23-27 February; 2-6 March; 9-12 March.
    assert report_due_date(trip) == D(2026, 3, 12)
    opened = report_followup_open(case=trip, actor=protocol)
    assert opened is not None and opened.due_date == D(2026, 3, 12)
    Timer.objects.filter(code="outbound_report").update(working_days=5)
    assert report_due_date(trip) == D(2026, 2, 26)


def _passport_reminders(kind: str) -> set[tuple[str, str]]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", "params__date"))


def test_the_passport_return_is_reminded_two_days_before_on_the_day_and_after(trip, protocol) -> None:
    reminders_sweep(today=D(2026, 2, 13))  # due in more than two working days: nothing yet
    assert not Notification.objects.filter(kind__startswith="outbound_passport").exists()

    reminders_sweep(today=D(2026, 2, 24))  # two working days before
    assert _passport_reminders("outbound_passport_return_due") == {(protocol.username, "2026-02-26")}
    reminders_sweep(today=D(2026, 2, 26))  # the day itself: the same-day rule, once
    reminders_sweep(today=D(2026, 2, 26))
    assert Notification.objects.filter(kind="outbound_passport_return_due").count() == 2
    reminders_sweep(today=D(2026, 2, 27))  # the day after: overdue
    assert _passport_reminders("outbound_passport_return_overdue") == {(protocol.username, "2026-02-26")}
    text = Notification.objects.filter(kind="outbound_passport_return_overdue").get(recipient=protocol)
    from ttdn.notifications.messages import render

    assert trip.reference in render(text) and "C1234567" not in render(text)


def test_a_passport_handed_back_is_reminded_no_more(trip, protocol) -> None:
    member = TripMember.objects.get(trip__case=trip)
    passport_save(
        actor=protocol,
        case=trip,
        member=member,
        data=PassportData(
            kind="official", number="C1234567", handed_out_on=D(2026, 2, 6), handed_back_on=D(2026, 2, 13)
        ),
    )

    for day in (D(2026, 2, 24), D(2026, 2, 26), D(2026, 3, 2)):
        reminders_sweep(today=day)

    assert not Notification.objects.filter(kind__startswith="outbound_passport").exists()


def test_the_report_on_return_is_reminded_as_the_core_reminds_reports(trip, protocol) -> None:
    report_followup_open(case=trip, actor=protocol)

    reminders_sweep(today=D(2026, 3, 10))  # two working days before 12 March
    reminders_sweep(today=D(2026, 3, 13))  # overdue

    assert set(Notification.objects.filter(case=trip).values_list("kind", "params__date")) >= {
        ("report_due", "2026-03-12"),
        ("report_overdue", "2026-03-12"),
    }

"""Each baseline reminder rule: what it finds, on which day, and whom it reminds (by role and
access). The sweep runs here in the test process, with the date given."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError
from django.test.utils import CaptureQueriesContext

from delegations.models import Agreement
from press.models import PressCard
from tests.factories import (
    approve,
    ensure_police_agency,
    make_agency,
    make_delegation,
    make_outbound_trip,
    make_press_visit,
    police_clear,
    police_officer,
)
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, FollowUp, Organisation, Person, Review
from ttdn.cases.selectors import cases_visible_to
from ttdn.cases.services.followups import followup_create
from ttdn.cases.services.reviews import review_assign
from ttdn.cases.services.workflow import case_approve, case_submit, case_transition
from ttdn.notifications.admin import ReminderRuleForm
from ttdn.notifications.messages import render
from ttdn.notifications.models import Notification, ReminderRule
from ttdn.notifications.sweep import reminders_sweep

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = datetime.timedelta(days=1)


def _reminded(kind: str, case: Case | None = None) -> set[str]:
    found = Notification.objects.filter(kind=kind)
    if case is not None:
        found = found.filter(case=case)
    return set(found.values_list("recipient__username", flat=True))


@pytest.fixture
def host(make_user):
    """A host agency with one member of staff."""
    agency = make_agency()
    return agency, make_user(Role.AGENCY, agency=agency)


def test_arrival_in_seven_and_in_one_day_reminds_the_officer_and_the_hosts(protocol, host) -> None:
    agency, staff = host
    today = D(2026, 12, 1)
    soon = make_delegation(actor=protocol, lead_agency=agency, start=today + 5 * DAY)
    later = make_delegation(actor=protocol, lead_agency=agency, start=today + 10 * DAY)

    reminders_sweep(today=today)
    assert _reminded("arrival", soon) == {protocol.username, staff.username}
    assert _reminded("arrival", later) == set()

    reminders_sweep(today=today + 4 * DAY)  # the day before: the one-day rule too, once
    reminders_sweep(today=today + 4 * DAY)
    keys = set(Notification.objects.filter(kind="arrival", case=soon).values_list("key", flat=True))
    assert {key.split(":")[0] for key in keys} == {"arrival-7", "arrival-1"}
    assert Notification.objects.filter(kind="arrival", case=soon).count() == 4  # 2 rules x 2 people
    assert render(Notification.objects.filter(kind="arrival", case=soon)[0]) == (
        f"{soon.reference} starts on 06/12/2026: {soon.title}."
    )


def test_a_new_start_date_is_a_new_occasion(protocol) -> None:
    today = D(2026, 12, 1)
    case = make_delegation(actor=protocol, start=today + 5 * DAY)
    reminders_sweep(today=today)
    Case.objects.filter(pk=case.pk).update(start_date=today + 6 * DAY, end_date=today + 7 * DAY)
    reminders_sweep(today=today)
    assert Notification.objects.filter(kind="arrival", case=case, recipient=protocol).count() == 2


def test_nobody_is_reminded_of_a_case_they_may_not_see(protocol, host) -> None:
    agency, _staff = host
    today = D(2026, 12, 1)
    restricted = make_delegation(
        actor=protocol, lead_agency=agency, start=today + 2 * DAY, access_level="restricted"
    )

    reminders_sweep(today=today)

    # The host agency's staff have no need-to-know grant on the restricted case.
    assert _reminded("arrival", restricted) == {protocol.username}


def test_a_rule_turned_off_reminds_nobody(protocol) -> None:
    ReminderRule.objects.filter(trigger="arrival").update(enabled=False)
    make_delegation(actor=protocol, start=D(2026, 12, 3))
    reminders_sweep(today=D(2026, 12, 1))
    assert not Notification.objects.filter(kind="arrival").exists()


def _pending_review(protocol, leader=None) -> Review:
    case = case_submit(actor=protocol, case=make_delegation(actor=protocol, start=D(2027, 1, 20)))
    return case.reviews.get()


def test_review_due_counts_working_days_across_the_new_year_holiday(protocol) -> None:
    first, second = _pending_review(protocol), _pending_review(protocol)
    # Thursday 31/12/2026; Friday 01/01 is a holiday: two working days ahead reach Tuesday 05/01.
    Review.objects.filter(pk=first.pk).update(due_date=D(2027, 1, 5))
    Review.objects.filter(pk=second.pk).update(due_date=D(2027, 1, 6))
    officer = police_officer()

    reminders_sweep(today=D(2026, 12, 31))

    assert _reminded("review_due", first.case) == {officer.username}
    assert _reminded("review_due", second.case) == set()


def test_an_overdue_review_escalates_to_the_police_agencys_leads(make_user, protocol) -> None:
    police = ensure_police_agency()
    officer = make_user(Role.POLICE, agency=police)
    colleague = make_user(Role.POLICE, agency=police)
    lead = make_user(Role.POLICE, agency=police, is_agency_lead=True)
    review = _pending_review(protocol)
    review_assign(actor=lead, review=review, officer=officer)
    Review.objects.filter(pk=review.pk).update(due_date=D(2026, 12, 28))

    reminders_sweep(today=D(2026, 12, 31))

    assert _reminded("review_overdue") == {officer.username, lead.username}
    assert colleague.username not in _reminded("review_due")


def test_a_visit_not_approved_three_working_days_before_it_starts(make_user, protocol, leader) -> None:
    other_leader = make_user(Role.LEADER)
    waiting = make_delegation(actor=protocol, start=D(2026, 12, 7))  # Monday
    approved = case_approve(
        actor=leader,
        case=police_clear(
            case_submit(actor=protocol, case=make_delegation(actor=protocol, start=D(2026, 12, 7)))
        ),
    )

    reminders_sweep(today=D(2026, 12, 1))  # Tuesday: Monday is four working days away
    assert _reminded("not_approved") == set()
    reminders_sweep(today=D(2026, 12, 2))
    assert _reminded("not_approved", waiting) == {protocol.username, leader.username, other_leader.username}
    assert _reminded("not_approved", approved) == set()


def test_the_post_visit_report_due_and_overdue(protocol, leader, host) -> None:
    agency, staff = host
    case = make_delegation(actor=protocol, lead_agency=agency, start=D(2026, 11, 30), days=2)
    case = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=case)))
    for name in ("start", "complete"):
        case = case_transition(actor=protocol, case=case, name=name)
    due = case.follow_ups.get(kind=FollowUp.Kind.REPORT).due_date
    assert due == D(2026, 12, 8)  # five working days after Tuesday 01/12

    reminders_sweep(today=D(2026, 12, 3))
    assert _reminded("report_due") == set()
    reminders_sweep(today=D(2026, 12, 4))  # Friday: due on Tuesday, two working days away
    assert _reminded("report_due", case) == {staff.username, protocol.username}
    reminders_sweep(today=D(2026, 12, 9))
    assert _reminded("report_overdue", case) == {staff.username, protocol.username}


def test_a_follow_up_due_in_three_working_days_and_overdue(make_user, protocol, host) -> None:
    agency, staff = host
    person = make_user(Role.AGENCY, agency=agency)
    case = make_delegation(actor=protocol, lead_agency=agency, start=D(2026, 11, 2))
    to_agency = followup_create(
        actor=protocol, case=case, title="Gửi tài liệu", due_date=D(2026, 12, 4), assignee_agency=agency
    )
    to_person = followup_create(
        actor=protocol, case=case, title="Gọi điện", due_date=D(2026, 12, 10), assignee_user=person
    )

    reminders_sweep(today=D(2026, 12, 1))
    assert _reminded("followup_due") == {staff.username, person.username}
    (message,) = {
        render(n) for n in Notification.objects.filter(kind="followup_due", key__contains=f":{to_agency.pk}:")
    }
    assert message == f"Follow-up of {case.reference} due on 04/12/2026: Gửi tài liệu."
    assert not Notification.objects.filter(kind="followup_due", key__contains=f":{to_person.pk}:").exists()

    reminders_sweep(today=D(2026, 12, 7))  # Monday: Thursday 10/12 is three working days away
    assert Notification.objects.filter(kind="followup_due", key__contains=f":{to_person.pk}:").count() == 1
    reminders_sweep(today=D(2026, 12, 7))
    # Overdue: everyone of the agency it is assigned to, and the case's responsible officer.
    assert _reminded("followup_overdue") == {staff.username, person.username, protocol.username}


def test_a_passport_or_press_card_ending_before_the_visit(protocol) -> None:
    today = D(2026, 12, 1)
    delegation = make_delegation(actor=protocol, start=today + 10 * DAY, days=3, participants=2)
    first, second = (p.person for p in delegation.participants.order_by("pk"))
    Person.objects.filter(pk=first.pk).update(passport_expiry=today + 11 * DAY)  # during the visit
    Person.objects.filter(pk=second.pk).update(passport_expiry=today + 90 * DAY)
    press = make_press_visit(actor=protocol, start=today + 5 * DAY)
    reporter = press.participants.get().person
    PressCard.objects.filter(person=reporter).update(valid_until=today)

    reminders_sweep(today=today)

    (passport,) = Notification.objects.filter(kind="passport_expiry")
    assert passport.case == delegation
    assert render(passport) == (
        f"The passport of {first.full_name} ({delegation.reference}) ends on 12/12/2026, before the visit does."
    )
    (card,) = Notification.objects.filter(kind="press_card_expiry")
    assert card.case == press
    assert card.recipient == protocol


def test_an_agreement_ending_within_sixty_days_reminds_protocol(protocol, leader) -> None:
    partner = Organisation.objects.create(name="Gyeonggi Province", kind="friendship_locality", country="KR")
    ending = Agreement.objects.create(
        title="MoU hữu nghị", partner=partner, signed_on=D(2022, 1, 1), valid_until=D(2027, 1, 20)
    )
    Agreement.objects.create(
        title="MoU khác", partner=partner, signed_on=D(2022, 1, 1), valid_until=D(2027, 3, 1)
    )

    reminders_sweep(today=D(2026, 12, 1))

    (notification,) = Notification.objects.filter(kind="agreement_expiry")
    assert notification.recipient == protocol
    assert (
        render(notification) == f"The agreement “{ending.title}” with Gyeonggi Province ends on 20/01/2027."
    )


def test_the_quarterly_summary_after_each_quarter_counts_what_each_reader_may_see(
    make_user, protocol, leader
) -> None:
    approve(make_delegation(actor=protocol, start=D(2026, 11, 2)), leader=leader)
    approve(make_outbound_trip(actor=protocol, start=D(2026, 11, 9), members=1), leader=leader)
    approve(make_delegation(actor=protocol, start=D(2026, 12, 1), access_level="restricted"), leader=leader)
    make_delegation(actor=protocol, start=D(2026, 12, 7))  # a draft: not counted
    approve(make_delegation(actor=protocol, start=D(2027, 1, 5)), leader=leader)  # the next quarter

    reminders_sweep(today=D(2026, 12, 31))
    assert not Notification.objects.filter(kind="quarterly_summary").exists()
    reminders_sweep(today=D(2027, 1, 4))
    reminders_sweep(today=D(2027, 2, 1))

    summaries = Notification.objects.filter(kind="quarterly_summary")
    assert {(n.recipient, n.key) for n in summaries} == {
        (protocol, "quarterly-summary:2026-Q4"),
        (leader, "quarterly-summary:2026-Q4"),
    }
    # The leader has no grant on the restricted visit; its author has.
    by_reader = {n.recipient: render(n) for n in summaries}
    # The figures are the report's, each with its label, in the report's order.
    assert by_reader[leader] == (
        "Quarter 4/2026: Cases counted: 2; Inbound delegations received in person: 1; "
        "Foreign visitors in them: 1; Outbound delegations: 1; Officials in them: 1; Press visits: 0; "
        "Reporters: 0; Coverage published: 0; International conferences and seminars held: 0; "
        "Foreign participants in conferences: 0; Online meetings: 0."
    )
    assert by_reader[protocol].startswith(
        "Quarter 4/2026: Cases counted: 3; Inbound delegations received in person: 2; "
        "Foreign visitors in them: 2;"
    )
    assert summaries[0].params["path"] == "/reports/?year=2026&quarter=4"


def test_one_notification_per_rule_object_recipient_and_occasion(protocol) -> None:
    make_delegation(actor=protocol, start=D(2026, 12, 3))
    first = reminders_sweep(today=D(2026, 12, 1))
    again = reminders_sweep(today=D(2026, 12, 1))
    assert len(first.created) > 0
    assert again.created == []

    existing = Notification.objects.all()[0]
    with pytest.raises(IntegrityError):
        Notification.objects.create(recipient=existing.recipient, kind=existing.kind, key=existing.key)


def test_the_sweep_makes_as_many_queries_for_many_cases_as_for_few(protocol, host) -> None:
    from django.db import connection

    agency, _staff = host
    today = D(2026, 12, 1)

    def queries_with(count: int) -> list[str]:
        for offset in range(count):
            case = make_delegation(actor=protocol, lead_agency=agency, start=today + (offset % 5 + 1) * DAY)
            followup_create(
                actor=protocol, case=case, title="x", due_date=today + DAY, assignee_agency=agency
            )
        with CaptureQueriesContext(connection) as captured:
            assert reminders_sweep(today=today).created
        return [query["sql"] for query in captured.captured_queries]

    few = queries_with(2)
    many = queries_with(20)
    assert len(many) == len(few), "\n".join(many)


def test_the_admin_form_refuses_recipients_a_rule_cannot_reach() -> None:
    form = ReminderRuleForm(
        data={
            "code": "agreement-90",
            "name": "Thỏa thuận hết hạn sau 90 ngày",
            "trigger": "agreement_expiry",
            "enabled": "on",
            "offset": "90",
            "day_kind": "calendar",
            "audiences": ["assignee", "protocol"],
        }
    )
    assert not form.is_valid()
    assert "audiences" in form.errors

    form = ReminderRuleForm(data={**form.data, "audiences": ["protocol", "leaders"]})
    assert form.is_valid(), form.errors
    rule = form.save()
    assert rule.audiences == ["protocol", "leaders"]


def test_identity_documents_are_named_only_to_who_may_see_identity_data(protocol, leader, host) -> None:
    agency, staff = host
    ReminderRule.objects.filter(code="passport-expiry").update(
        audiences=["responsible_officer", "host_agencies", "leaders"]
    )
    today = D(2026, 12, 1)
    case = make_delegation(actor=protocol, lead_agency=agency, start=today + 10 * DAY, days=3)
    Person.objects.filter(participations__case=case).update(passport_expiry=today + 11 * DAY)

    reminders_sweep(today=today)

    # Host staff and leaders see the case, but passports are masked for them.
    assert _reminded("passport_expiry") == {protocol.username}
    assert cases_visible_to(staff).filter(pk=case.pk).exists()


def test_a_visit_first_seen_the_day_before_gets_one_arrival_reminder(protocol) -> None:
    today = D(2026, 12, 1)
    case = make_delegation(actor=protocol, start=today + DAY)
    reminders_sweep(today=today)
    assert list(Notification.objects.filter(kind="arrival", case=case).values_list("key", flat=True)) == [
        f"arrival-1:{case.pk}:2026-12-02"
    ]

"""Retention: exactly the people whose every case is past its kind's period are anonymised."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press.models import PressCard
from tests.factories import make_delegation, make_press_visit, person_data
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, Participant, Person, RetentionPeriod
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update
from ttdn.cases.services.people import person_find_or_create
from ttdn.cases.services.retention import ANONYMISED_NAME, people_anonymise_due, people_due_for_anonymisation
from ttdn.cases.tasks import anonymise_due_people
from ttdn.notifications.models import Notification
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures

pytestmark = pytest.mark.django_db

NOW = timezone.now()
YEAR = datetime.timedelta(days=366)


def _end(case: Case, status: str, ago: datetime.timedelta) -> Case:
    """Move ``case`` to its final state, as if that happened ``ago``."""
    case.status = status
    case.save()
    Case.history.filter(id=case.pk, status=status).update(history_date=NOW - ago)
    return case


def _with(case: Case, actor: Any, *people: tuple[str, str]) -> Case:
    rows = [ParticipantData(person_data(name, "JP", passport)) for name, passport in people]
    return case_update(actor=actor, case=case, data=CaseData(fields={}, participants=rows))


def _past(actor: Any, years_ago: int, **fields: Any) -> Case:
    start = timezone.localdate() - datetime.timedelta(days=366 * years_ago + 30)
    return make_delegation(actor=actor, start=start, participants=0, **fields)


@pytest.fixture
def world(protocol: Any) -> dict[str, Any]:
    old = _with(_past(protocol, 6), protocol, ("Old Only", "OLD1"), ("Old And Open", "BOTH1"))
    _end(old, Case.Status.CLOSED, 6 * YEAR)
    open_case = _with(make_delegation(actor=protocol, participants=0), protocol, ("Old And Open", "BOTH1"))
    recent = _with(_past(protocol, 1), protocol, ("Recent", "NEW1"))
    _end(recent, Case.Status.CLOSED, YEAR)
    press = make_press_visit(actor=protocol, start=timezone.localdate() - 3 * YEAR)
    _end(press, Case.Status.CLOSED, 3 * YEAR)
    cancelled = _with(_past(protocol, 7), protocol, ("Cancelled Long Ago", "CAN1"))
    _end(cancelled, Case.Status.CANCELLED, 6 * YEAR)
    return {"open": open_case, "old": old}


def _person(passport: str) -> Person:
    return Person.objects.with_passport(passport).get()


def _figures(user: Any) -> dict[str, Any]:
    return report_figures(user, Period(datetime.date(2000, 1, 1), timezone.localdate() + YEAR))


def test_exactly_the_people_past_every_period_are_anonymised(world: dict[str, Any], protocol: Any) -> None:
    old_only, reporter = _person("OLD1"), _person("TZ1111111")
    kept = {p: _person(p) for p in ("BOTH1", "NEW1")}
    cancelled = _person("CAN1")
    figures = _figures(protocol)
    named = Notification.objects.create(
        recipient=protocol, kind="passport-expiry", key="x", case=world["old"], params={"name": "Old Only"}
    )

    assert people_anonymise_due(now=NOW) == 3

    for person in (old_only, reporter, cancelled):
        person.refresh_from_db()
        assert person.anonymised_at == NOW
        assert (person.full_name, person.passport_number, person.passport_hash) == (ANONYMISED_NAME, "", "")
        assert person.date_of_birth is None and person.passport_expiry is None and person.position == ""
        assert person.participations.exists()  # the rows the reports count stay
    for passport, person in kept.items():
        assert _person(passport).full_name == person.full_name
        assert _person(passport).anonymised_at is None
    assert PressCard.objects.get(person=reporter).number == ""
    assert not PressCard.history.filter(person=reporter).exclude(number="").exists()
    assert _figures(protocol) == figures
    assert not Notification.objects.filter(pk=named.pk).exists()


def test_the_history_keeps_no_trace_of_the_data_but_records_the_anonymisation(world: dict[str, Any]) -> None:
    person = _person("OLD1")

    people_anonymise_due(now=NOW)

    rows = list(Person.history.filter(id=person.pk).order_by("history_date", "history_id"))
    assert {row.full_name for row in rows} == {ANONYMISED_NAME}
    assert {row.passport_number for row in rows} == {""}
    assert rows[-1].history_type == "~" and rows[-1].history_date >= NOW
    (case_id,) = Participant.objects.filter(person=person).values_list("case_id", flat=True)
    event = Case.objects.get(pk=case_id).events.get(code="person.anonymised")
    assert (event.actor, event.data) == (None, {"people": [person.pk]})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT full_name, passport_number FROM cases_historicalperson WHERE id = %s", [person.pk]
        )
        assert {tuple(row) for row in cursor.fetchall()} == {(ANONYMISED_NAME, "")}


def test_the_admins_log_forgets_the_name_and_the_card(world: dict[str, Any], make_user: Any) -> None:
    person, kept = _person("OLD1"), _person("NEW1")
    card = PressCard.objects.get(person=_person("TZ1111111"))
    admin = make_user(Role.ADMIN, is_staff=True)
    for record in (person, kept, card):
        LogEntry.objects.log_actions(admin.pk, [record], CHANGE, change_message="[]", single_object=True)
    assert "TZ1111111" not in str(card)  # the log never held the whole card number

    people_anonymise_due(now=NOW)

    reprs = set(LogEntry.objects.values_list("object_repr", flat=True))
    assert reprs == {ANONYMISED_NAME, str(kept)}


def test_the_case_search_no_longer_finds_the_name(world: dict[str, Any]) -> None:
    people_anonymise_due(now=NOW)

    world["old"].refresh_from_db()
    assert "old only" not in world["old"].search_text
    assert "old and open" in world["old"].search_text  # still kept: they have an open case


def test_a_second_run_changes_nothing(world: dict[str, Any]) -> None:
    people_anonymise_due(now=NOW)
    history = Person.history.count()

    assert anonymise_due_people.run() == 0
    assert Person.history.count() == history


def test_a_longer_period_set_by_an_admin_keeps_them(world: dict[str, Any]) -> None:
    RetentionPeriod.objects.filter(kind="delegation").update(years=10)

    assert set(people_due_for_anonymisation(now=NOW)) == {_person("TZ1111111")}


def test_a_kind_with_no_period_is_kept(world: dict[str, Any]) -> None:
    RetentionPeriod.objects.all().delete()

    assert people_anonymise_due(now=NOW) == 0


def test_a_person_in_no_case_is_left_alone(world: dict[str, Any]) -> None:
    person_find_or_create(data=person_data("Nobody", "FR", "FR1"))

    people_anonymise_due(now=NOW)

    assert _person("FR1").anonymised_at is None


def test_the_query_count_does_not_grow_with_the_people(protocol: Any) -> None:
    def closed_with(count: int, tag: str) -> None:
        case = _with(_past(protocol, 6), protocol, *((f"P{tag}{n}", f"{tag}{n}") for n in range(count)))
        _end(case, Case.Status.CLOSED, 6 * YEAR)

    closed_with(2, "A")
    with CaptureQueriesContext(connection) as few:
        assert people_anonymise_due(now=NOW) == 2
    closed_with(2, "B")
    closed_with(6, "C")
    with CaptureQueriesContext(connection) as many:
        assert people_anonymise_due(now=NOW) == 8

    assert len(many) == len(few)
    assert Participant.objects.count() == 10

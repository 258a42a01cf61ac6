"""Each participant keeps a copy of its person's nationality, which the report counts by (issue 18):
it must be right however the participant was added, and follow an edit of the person."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_delegation, person_data
from ttdn.cases.models import Participant, Person
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update

pytestmark = pytest.mark.django_db


def _copies(case) -> set[tuple[str, str]]:
    return {
        (participant.nationality, str(participant.person.nationality))
        for participant in Participant.objects.filter(case=case).select_related("person")
    }


def test_a_participant_has_its_persons_nationality_whether_created_with_the_case_or_added_later(
    protocol,
) -> None:
    case = make_delegation(actor=protocol, participants=2)  # created together (in bulk)
    assert _copies(case) == {("JP", "JP")}
    kept = [
        ParticipantData(person_data(p.person.full_name, "JP", p.person.passport_number))
        for p in case.participants.select_related("person")
    ]

    case_update(
        actor=protocol,
        case=case,
        data=CaseData(
            fields={}, participants=[*kept, ParticipantData(person_data("Lê Văn An", "VN", "C0000001"))]
        ),
    )

    assert _copies(case) == {("JP", "JP"), ("VN", "VN")}


def test_an_edit_of_a_persons_nationality_reaches_their_participations(protocol) -> None:
    first = make_delegation(actor=protocol, participants=1)
    person = first.participants.get().person
    second = make_delegation(actor=protocol, participants=0)
    case_update(
        actor=protocol,
        case=second,
        data=CaseData(
            fields={},
            participants=[ParticipantData(person_data(person.full_name, "JP", "X"), person_id=person.pk)],
        ),
    )
    person = Person.objects.get(pk=person.pk)  # as the admin's change form loads it

    person.nationality = "KR"
    person.save()

    assert set(person.participations.values_list("nationality", flat=True)) == {"KR"}


def test_saving_a_person_without_changing_the_nationality_leaves_the_participations_alone(protocol) -> None:
    case = make_delegation(actor=protocol, participants=1)
    person = Person.objects.get(pk=case.participants.get().person_id)

    person.position = "Vụ trưởng"
    with CaptureQueriesContext(connection) as queries:
        person.save()

    assert not [q for q in queries if q["sql"].startswith('UPDATE "cases_participant"')]
    assert set(person.participations.values_list("nationality", flat=True)) == {"JP"}


def test_a_save_of_other_fields_only_copies_no_unsaved_nationality(protocol) -> None:
    case = make_delegation(actor=protocol, participants=1)
    person = Person.objects.get(pk=case.participants.get().person_id)

    person.nationality = "KR"  # changed on the object, but only the position is saved
    person.position = "Vụ trưởng"
    person.save(update_fields=["position"])

    assert set(person.participations.values_list("nationality", flat=True)) == {"JP"}

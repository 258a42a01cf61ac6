from __future__ import annotations

import datetime

import pytest

from tests.factories import make_delegation, person_data
from ttdn.cases.models import Person
from ttdn.cases.services.people import person_find_or_create

pytestmark = pytest.mark.django_db


def test_the_same_passport_finds_the_same_person_and_updates_it() -> None:
    first = person_find_or_create(data=person_data("Tanaka Hiroshi", "JP", "tk 123 4567"))
    again = person_find_or_create(
        data=person_data("TANAKA Hiroshi", "JP", "TK1234567", passport_expiry=datetime.date(2031, 1, 1))
    )

    assert again.pk == first.pk
    assert Person.objects.count() == 1
    again.refresh_from_db()
    assert again.passport_number == "TK1234567"
    assert again.full_name == "TANAKA Hiroshi"
    assert again.passport_expiry == datetime.date(2031, 1, 1)


def test_another_nationality_or_no_passport_is_another_person() -> None:
    person_find_or_create(data=person_data("Kim", "KR", "M1234"))
    person_find_or_create(data=person_data("Kim", "KP", "M1234"))
    person_find_or_create(data=person_data("Nguyễn Văn A", "VN"))
    person_find_or_create(data=person_data("Nguyễn Văn A", "VN"))

    assert Person.objects.count() == 4


def test_a_person_is_reused_across_visits(protocol) -> None:
    first = make_delegation(actor=protocol, participants=0)
    second = make_delegation(actor=protocol, participants=0)
    from ttdn.cases.services.cases import CaseData, ParticipantData, case_update

    for case in (first, second):
        case_update(
            actor=protocol,
            case=case,
            data=CaseData(
                fields={},
                participants=[ParticipantData(person_data("Tanaka Hiroshi", "JP", "TK1234567"))],
            ),
        )

    assert Person.objects.with_passport("TK1234567").count() == 1
    assert Person.objects.with_passport("TK1234567").get().participations.count() == 2

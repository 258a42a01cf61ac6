from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import make_delegation
from ttdn.cases.models import Case, Organisation, Participant, Person, ProgrammeItem

pytestmark = pytest.mark.django_db


def test_a_visit_cannot_end_before_it_starts(protocol) -> None:
    case = make_delegation(actor=protocol)
    case.end_date = case.start_date - datetime.timedelta(days=1)

    with pytest.raises(ValidationError, match="cannot end before it starts"):
        case.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(end_date=case.end_date)


def test_a_programme_item_must_end_after_it_starts(protocol) -> None:
    case = make_delegation(actor=protocol)
    moment = timezone.now()
    item = ProgrammeItem(case=case, start=moment, end=moment, place="UBND tỉnh", activity="meeting")

    with pytest.raises(ValidationError, match="must end after it starts"):
        item.full_clean()


def test_one_passport_of_one_country_is_one_person() -> None:
    Person.objects.create(full_name="Tanaka Hiroshi", nationality="JP", passport_number="TK1234567")

    with pytest.raises(ValidationError, match="passport number and nationality exists"):
        Person(full_name="Hiroshi Tanaka", nationality="JP", passport_number="TK1234567").full_clean()
    # The same number in another country's series is another person; no passport, no match.
    Person(full_name="Other", nationality="KR", passport_number="TK1234567").full_clean()
    Person.objects.create(full_name="A", nationality="JP")
    Person.objects.create(full_name="B", nationality="JP")


def test_a_person_takes_part_once_per_case(protocol) -> None:
    case = make_delegation(actor=protocol, participants=1)
    participant = case.participants.get()

    with pytest.raises(ValidationError, match="already a participant"):
        Participant(case=case, person=participant.person).full_clean()


def test_organisations_are_unique_by_name_and_country_whatever_the_case() -> None:
    Organisation.objects.create(name="Plan International", kind="ngo", country="GB")

    with pytest.raises(ValidationError, match="already registered"):
        Organisation(name="PLAN international", kind="ngo", country="GB").full_clean()
    Organisation(name="Plan International", kind="ngo", country="VN").full_clean()

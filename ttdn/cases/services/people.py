"""Persons are reused across visits: the same passport of the same country is one person."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from ttdn.cases.models import Organisation, Person, normalise_passport_number

PERSON_FIELDS = ("full_name", "sex", "date_of_birth", "passport_expiry", "position")


@dataclass(frozen=True)
class PersonData:
    full_name: str
    nationality: str
    sex: str = Person.Sex.UNSPECIFIED
    date_of_birth: datetime.date | None = None
    passport_number: str = ""
    passport_expiry: datetime.date | None = None
    position: str = ""


def person_find_or_create(
    *, data: PersonData, organisation: Organisation | None = None, known: Iterable[Person] = ()
) -> Person:
    """The known person with this passport (brought up to date), or a new one.

    Without a passport number nobody can be matched safely across visits, so a new person is
    made, unless one of ``known`` (a case's own participants) has no passport either and the
    same name, nationality and date of birth: the same row of the same case, saved again.
    """
    passport = normalise_passport_number(data.passport_number)
    person = None
    if not passport:
        person = next(
            (
                candidate
                for candidate in known
                if not candidate.passport_number
                and (candidate.full_name, candidate.nationality, candidate.date_of_birth)
                == (data.full_name, data.nationality, data.date_of_birth or candidate.date_of_birth)
            ),
            None,
        )
    if passport:
        person = (
            Person.objects.select_for_update()
            .filter(nationality=data.nationality)
            .with_passport(passport)
            .order_by("pk")
            .first()
        )
    if person is None:
        person = Person(nationality=data.nationality, passport_number=passport)
    changed = []
    for field in PERSON_FIELDS:
        value = getattr(data, field)
        if value not in ("", None) and getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    if organisation is not None and person.organisation_id is None:
        person.organisation = organisation
        changed.append("organisation")
    if person.pk is None or changed:
        person.full_clean()
        person.save()
    return person

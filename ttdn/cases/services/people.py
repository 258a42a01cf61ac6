"""Persons are reused across visits: the same passport of the same country is one person."""

from __future__ import annotations

import copy
import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries

from ttdn.accounts.models import User
from ttdn.bulk import BATCH_SIZE, chunked
from ttdn.cases.encryption import identity_hashes
from ttdn.cases.errors import RowError
from ttdn.cases.fields import countries_checked
from ttdn.cases.history import history_record
from ttdn.cases.models import Organisation, Person, normalise_passport_number

PERSON_FIELDS = (
    "full_name", "sex", "date_of_birth", "passport_expiry", "position", "name_in_script", "position_translated"
)  # fmt: skip


@dataclass(frozen=True)
class PersonData:
    full_name: str
    nationality: str
    sex: str = Person.Sex.UNSPECIFIED
    date_of_birth: datetime.date | None = None
    passport_number: str = ""
    passport_expiry: datetime.date | None = None
    position: str = ""
    name_in_script: str = ""
    position_translated: str = ""


def person_find_or_create(
    *, data: PersonData, organisation: Organisation | None = None, known: Iterable[Person] = ()
) -> Person:
    """The known person with this passport (brought up to date), or a new one.

    Without a passport number nobody can be matched safely across visits, so a new person is
    made, unless one of ``known`` (a case's own participants) has no passport either and the
    same name, nationality and date of birth: the same row of the same case, saved again.
    """
    person = None
    if not normalise_passport_number(data.passport_number):
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
    if person is None:
        try:
            return persons_find_or_create(rows=[(data, organisation)])[0]
        except RowError as error:
            raise (error.cause or error) from None
    if _bring_up_to_date(person, data, organisation):
        person.full_clean()
        person.save()
    return person


def person_link(
    *, actor: User, pk: int, data: PersonData, organisation: Organisation | None = None
) -> Person:
    """The registered person ``pk``, picked on a form, brought up to date with what ``data`` adds
    (their nationality and passport stay as registered). Only a person whose identity data
    ``actor`` may see can be picked (``people_visible_to``); another is refused, as a missing one."""
    from ttdn.cases.selectors import people_visible_to

    if not people_visible_to(actor).filter(pk=pk, anonymised_at__isnull=True).exists():
        raise ValidationError(_("The person chosen is not in the register."))
    person = Person.objects.select_for_update().get(pk=pk)
    if _bring_up_to_date(person, data, organisation):
        person.full_clean()
        person.save()
    return person


def _bring_up_to_date(person: Person, data: PersonData, organisation: Organisation | None) -> list[str]:
    """Give ``person`` what ``data`` says (what it leaves empty is kept); return what changed."""
    changed = []
    for field in PERSON_FIELDS:
        value = getattr(data, field)
        if value not in ("", None) and getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    if organisation is not None and person.organisation_id is None:
        person.organisation = organisation
        changed.append("organisation")
    return changed


def persons_find_or_create(*, rows: Sequence[tuple[PersonData, Organisation | None]]) -> list[Person]:
    """``person_find_or_create`` for each row (a person and the organisation of their case), in
    order, as if one after the other: a passport met again is the person found or made for it
    before, brought up to date again. A fixed number of queries up to a batch; the history has
    the rows those saves one by one would have made. A row refused raises RowError (its index)."""
    passports = [normalise_passport_number(data.passport_number) for data, _organisation in rows]
    hashes = {passport: identity_hashes(passport) for passport in set(passports) if passport}
    found: dict[tuple[str, str], Person] = {}  # (nationality, hash) -> the first person by pk
    for chunk in chunked(sorted({h for values in hashes.values() for h in values})):
        for known in Person.objects.select_for_update().filter(passport_hash__in=chunk).order_by("pk"):
            found.setdefault((str(known.nationality), known.passport_hash), known)
    codes = set(dict(countries))
    by_passport: dict[tuple[str, str], Person] = {}
    new: list[Person] = []
    updated: dict[int, Person] = {}
    records: list[tuple[Person, Person, str]] = []  # (snapshot, person, history type)
    result = []
    for index, ((data, organisation), passport) in enumerate(zip(rows, passports, strict=True)):
        key = (data.nationality, passport)
        person = by_passport.get(key) if passport else None
        if passport and person is None:
            candidates = [
                found[(data.nationality, h)] for h in hashes[passport] if (data.nationality, h) in found
            ]
            person = min(candidates, key=lambda candidate: candidate.pk) if candidates else None
        created = person is None
        if person is None:
            person = Person(nationality=data.nationality, passport_number=passport)
        if passport:
            by_passport[key] = person
        if _bring_up_to_date(person, data, organisation) or created:
            try:
                # Unique: matched by the passport's hash above; the organisation is a saved one.
                person.full_clean(
                    exclude=["organisation", "nationality"], validate_unique=False, validate_constraints=False
                )
                countries_checked(person, ["nationality"], codes)
            except ValidationError as error:
                raise RowError(" ".join(error.messages), index=index, cause=error) from error
            if created:
                new.append(person)
            elif person.pk is not None:
                updated[person.pk] = person
            records.append((copy.copy(person), person, "+" if created else "~"))
        result.append(person)
    Person.objects.bulk_create(new, batch_size=BATCH_SIZE)
    # What changed, and the hash under the current key (as a save makes it). The encrypted number
    # is kept as stored (an UPDATE of many rows cannot encrypt each): rotate_identity_keys
    # re-encrypts it, as it does every number.
    fields = [*PERSON_FIELDS, "organisation", "passport_hash"]
    Person.objects.bulk_update(list(updated.values()), fields, batch_size=BATCH_SIZE)
    for snapshot, person, _type in records:
        snapshot.pk = person.pk
    # A person recorded once is as saved: the database copies the row. One brought up to date by a
    # later row has a history row per state: those are written from the snapshots.
    times = Counter(id(person) for _snapshot, person, _type in records)
    for history_type in ("+", "~"):
        of_type = [(snapshot, person) for snapshot, person, type_ in records if type_ == history_type]
        for as_saved in (True, False):
            history_record(
                [snapshot for snapshot, person in of_type if (times[id(person)] == 1) == as_saved],
                history_type=history_type,
                actor=None,  # unstamped, as the saves one by one: the request's user
                as_saved=as_saved,
            )
    return result

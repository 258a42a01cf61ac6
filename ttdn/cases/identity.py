"""Identity data (passport, date of birth): shown in full only to the roles whose work needs it.

Protocol staff and admins see it; police officers see it for the cases referred to their agency;
everyone else sees it masked. Pages, exports and the admin all use these functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import BooleanField, Exists, OuterRef, QuerySet, Value

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, roles_of
from ttdn.cases.models import Case, CaseGroupObjectPermission, Participant
from ttdn.cases.permissions import REVIEW

MASK = "•••"
IDENTITY_ROLES = frozenset({Role.PROTOCOL, Role.ADMIN})


def identity_visible(*, user: AbstractBaseUser | AnonymousUser, case: Case | None) -> bool:
    """May ``user`` see identity data in full, on ``case`` (or anywhere, when ``case`` is None)?"""
    if case is None:
        return not roles_of(user).isdisjoint(IDENTITY_ROLES)
    return case.pk in identity_visible_among(user=user, cases=[case])


def identity_visible_among(*, user: AbstractBaseUser | AnonymousUser, cases: Iterable[Case]) -> set[int]:
    """The ids of those of ``cases`` whose identity data ``user`` sees in full, in one query at most
    (a list's rows are decided together, not one query per row)."""
    if not isinstance(user, User):
        return set()
    return identity_visible_to_each(users=[user], case_ids=[case.pk for case in cases])[user.pk]


def identity_visible_to_each(*, users: Iterable[User], case_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each of ``users``, the ids among ``case_ids`` whose identity data they see in full: all
    for protocol staff and admins, those referred to their agency for police officers (one query
    for all the officers), none for the others."""
    ids = list(case_ids)
    shown: dict[int, set[int]] = {}
    officers = []
    for user in users:
        roles = roles_of(user)
        shown[user.pk] = set(ids) if not roles.isdisjoint(IDENTITY_ROLES) else set()
        if Role.POLICE in roles and roles.isdisjoint(IDENTITY_ROLES):
            officers.append(user)
    if officers and ids:
        referred = _referred_to_agency_of(officers).filter(content_object_id__in=ids)
        for user_id, case_id in referred.values_list("group__user", "content_object_id"):
            shown[user_id].add(case_id)
    return shown


def identity_shown_column(user: AbstractBaseUser | AnonymousUser) -> Exists | Value:
    """The same decision as a column of a case query (``annotate(identity_shown=...)``): a list
    reads it with its rows instead of asking afterwards."""
    roles = roles_of(user)
    if isinstance(user, User) and not roles.isdisjoint(IDENTITY_ROLES):
        return Value(True, BooleanField())
    if isinstance(user, User) and Role.POLICE in roles:
        return Exists(_referred_to_agency_of([user]).filter(content_object_id=OuterRef("pk")))
    return Value(False, BooleanField())


def _referred_to_agency_of(officers: list[User]) -> QuerySet[CaseGroupObjectPermission]:
    """The review grants of the officers' police agency (the group the referral grants)."""
    return CaseGroupObjectPermission.objects.filter(permission__codename=REVIEW, group__user__in=officers)


def mask_passport(number: str) -> str:
    """Keep the last three characters, so that a person can still be told apart on the phone."""
    if not number:
        return ""
    return f"{MASK}{number[-3:]}" if len(number) > 4 else MASK


def mask_date(value: datetime.date | None) -> str:
    return MASK if value else ""


@dataclass(frozen=True)
class ParticipantRow:
    """A participant as this user may see them, with the labels of their role and nationality."""

    participant: Participant
    passport_number: str
    passport_expiry: datetime.date | str | None
    date_of_birth: datetime.date | str | None
    masked: bool
    role: str = ""
    nationality: str = ""


def participant_rows(*, participants: list[Participant], visible: bool) -> list[ParticipantRow]:
    # The labels are looked up once per role and country, not per row: the model's
    # get_role_display hashes every choice (a translation each) on each call.
    roles = {value: str(label) for value, label in Participant.Role.choices}
    countries: dict[str, str] = {}
    rows = []
    for participant in participants:
        person = participant.person
        code = str(person.nationality)
        if code not in countries:
            countries[code] = str(person.nationality.name)
        labels = {"role": roles.get(participant.role, participant.role), "nationality": countries[code]}
        if visible:
            rows.append(
                ParticipantRow(
                    participant,
                    person.passport_number,
                    person.passport_expiry,
                    person.date_of_birth,
                    False,
                    **labels,
                )
            )
        else:
            rows.append(
                ParticipantRow(
                    participant,
                    mask_passport(person.passport_number),
                    mask_date(person.passport_expiry),
                    mask_date(person.date_of_birth),
                    True,
                    **labels,
                )
            )
    return rows

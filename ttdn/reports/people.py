"""Who was in the visits, for the figures that the kinds add to the report: distinct people, so
that one person in two visits counts once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from ttdn.cases.models import Case, Participant

HOME_COUNTRY = "VN"


def people_in(
    cases: QuerySet[Case], *, vietnamese: bool | None = None, without_roles: Iterable[str] = ()
) -> dict[int, set[int]]:
    """Per case, the distinct people among its participants: the Vietnamese (nationality VN) when
    ``vietnamese`` is True, the foreigners when it is False, everyone when None; the participants
    in ``without_roles`` (e.g. interpreters) left out."""
    rows = Participant.objects.filter(case__in=cases)
    if vietnamese is True:
        rows = rows.filter(person__nationality=HOME_COUNTRY)
    elif vietnamese is False:
        rows = rows.exclude(person__nationality=HOME_COUNTRY)
    if roles := list(without_roles):
        rows = rows.exclude(role__in=roles)
    people: dict[int, set[int]] = defaultdict(set)
    for case_id, person_id in rows.order_by().values_list("case_id", "person_id"):  # unsorted: a set
        people[case_id].add(person_id)
    return dict(people)


def count_distinct(people: dict[int, set[int]]) -> int:
    """How many people in all the cases together."""
    return len(set().union(*people.values()))

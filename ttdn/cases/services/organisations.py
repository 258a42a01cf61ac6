from __future__ import annotations

import string
from collections.abc import Sequence

from django.db import connection
from django.db.models import Value
from django.db.models.functions import Lower

from ttdn.bulk import chunked
from ttdn.cases.history import bulk_create_recorded
from ttdn.cases.models import Organisation


def organisation_find_or_create(*, organisation: Organisation) -> Organisation:
    """The known organisation of this name (any letter case) and country, or ``organisation`` saved."""
    return organisations_find_or_create(organisations=[organisation])[0]


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _lowered(name: str) -> str:
    """``name`` as the database's lower() gives it (SQLite's changes ASCII letters only), so that
    two names are one organisation here exactly when the unique constraint says so."""
    return name.translate(_ASCII_LOWER) if connection.vendor == "sqlite" else name.lower()


def organisations_find_or_create(*, organisations: Sequence[Organisation]) -> list[Organisation]:
    """``organisation_find_or_create`` for each of ``organisations`` (unsaved), at once: a fixed
    number of queries up to a batch. The same name (any letter case) and country given twice is
    one organisation, the first given; the list returned matches ``organisations``."""
    if not organisations:
        return []

    def key(organisation: Organisation) -> tuple[str, str]:
        return _lowered(organisation.name), str(organisation.country)

    wanted = list({key(o): o for o in reversed(organisations)}.items())[::-1]  # the first of each
    known: dict[tuple[str, str], Organisation] = {}
    for chunk in chunked(wanted):
        # The names lowered by the database, as the unique constraint (Lower("name"), country) does.
        candidates = (
            Organisation.objects.annotate(name_lower=Lower("name"))
            .filter(
                country__in={country for (_name, country), _o in chunk},
                name_lower__in=[Lower(Value(organisation.name)) for _key, organisation in chunk],
            )
            .order_by("name", "pk")
        )
        for candidate in candidates:
            known.setdefault(key(candidate), candidate)
    new = [organisation for k, organisation in wanted if k not in known]
    for organisation in new:
        organisation.full_clean(validate_unique=False, validate_constraints=False)  # unique: matched above
    for organisation in bulk_create_recorded(new, actor=None):  # unstamped: the request's user
        known[key(organisation)] = organisation
    return [known[key(organisation)] for organisation in organisations]

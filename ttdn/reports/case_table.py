"""The case list as a table: one row per case, the columns of the export and of the import
template (so that an export imports back). Identity data is masked where the policy masks it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from ttdn.cases import kinds
from ttdn.cases.identity import identity_visible, mask_passport
from ttdn.cases.models import Case, Participant
from ttdn.reports.statistics import case_sorts

# The case's own columns; each kind's sort column (KindReport.sort_column) follows "direction".
CASE_COLUMNS = [
    "reference", "kind", "direction", "mode", "title", "purpose", "countries",
    "counterpart_name", "counterpart_kind", "counterpart_country", "start_date", "end_date",
    "lead_agency", "co_host_agencies", "status", "participants",
]  # fmt: skip
DATE_COLUMNS = ("start_date", "end_date")
DATE_FORMAT = "%d/%m/%Y"
# One participant: "name | nationality | passport | role"; participants are separated by ";".
PARTICIPANT_SEPARATOR = ";"
FIELD_SEPARATOR = "|"


def sort_columns() -> dict[str, str]:
    """Each kind's column for the sort of its cases: column name → kind code."""
    return {kind.report.sort_column: kind.code for kind in kinds.all_kinds() if kind.report.sort_column}


def columns() -> list[str]:
    """The columns of the case list, in their order."""
    after = CASE_COLUMNS.index("direction") + 1
    return [*CASE_COLUMNS[:after], *sort_columns(), *CASE_COLUMNS[after:]]


def participant_cell(participants: list[tuple[str, str, str, str]]) -> str:
    return f"{PARTICIPANT_SEPARATOR} ".join(
        f" {FIELD_SEPARATOR} ".join(part for part in row) for row in participants
    )


def case_rows(user: AbstractBaseUser | AnonymousUser, cases: QuerySet[Case]) -> list[dict[str, Any]]:
    """The table of ``cases`` (already read through the access policy) for ``user``."""
    cases = (
        cases.select_related("counterpart", "lead_agency")
        .prefetch_related("co_host_agencies")
        .order_by("start_date", "reference")
    )
    sorts = case_sorts(cases)
    sorted_by = sort_columns()
    people: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
    full_identity = identity_visible(user=user, case=None)
    for case_id, name, nationality, passport, role in (
        Participant.objects.filter(case__in=cases)
        .order_by("case_id", "pk")
        .values_list("case_id", "person__full_name", "person__nationality", "person__passport_number", "role")
    ):
        shown = passport if full_identity else mask_passport(passport)
        people[case_id].append((name, str(nationality), shown, role))
    rows = []
    for case in cases:
        counterpart = case.counterpart
        rows.append(
            {
                "reference": case.reference,
                "kind": case.kind,
                "direction": case.direction,
                **{
                    column: sorts.get(case.pk, ("", ""))[0] if case.kind == code else ""
                    for column, code in sorted_by.items()
                },
                "mode": case.mode,
                "title": case.title,
                "purpose": case.purpose,
                "countries": ",".join(str(c) for c in case.countries),
                "counterpart_name": counterpart.name if counterpart else "",
                "counterpart_kind": counterpart.kind if counterpart else "",
                "counterpart_country": str(counterpart.country) if counterpart else "",
                "start_date": case.start_date,
                "end_date": case.end_date,
                "lead_agency": case.lead_agency.code,
                "co_host_agencies": ",".join(sorted(a.code for a in case.co_host_agencies.all())),
                "status": case.status,
                "participants": participant_cell(people[case.pk]),
            }
        )
    return rows


def as_text(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return "" if value is None else str(value)

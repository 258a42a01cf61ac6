"""The case list as a table: one row per case, the columns of the export and of the import
template (so that an export imports back). Identity data is masked where the policy masks it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.utils import formats

from ttdn.cases.identity import identity_visible_among, mask_passport
from ttdn.cases.models import Case, Participant
from ttdn.reports.case_columns import LIST_SEPARATOR, columns, sort_columns, value_labels
from ttdn.reports.statistics import case_sorts

__all__ = ["DATE_COLUMNS", "DATE_FORMAT", "as_text", "case_rows", "columns", "sort_columns"]

DATE_COLUMNS = ("start_date", "end_date")
DATE_FORMAT = "%d/%m/%Y"
# One participant: "name | nationality | passport | role"; participants are separated by ";".
PARTICIPANT_SEPARATOR = ";"
FIELD_SEPARATOR = "|"


def participant_cell(participants: list[tuple[str, str, str, str]]) -> str:
    return f"{PARTICIPANT_SEPARATOR} ".join(
        f" {FIELD_SEPARATOR} ".join(part for part in row) for row in participants
    )


def case_rows(
    user: AbstractBaseUser | AnonymousUser, cases: QuerySet[Case], *, readable: bool = False
) -> list[dict[str, Any]]:
    """The table of ``cases`` (already read through the access policy) for ``user``: codes, or
    when ``readable``, the labels, names and countries in the active language (as the exports
    show them and the import reads them back). Passports are masked on the cases whose identity
    data the policy hides from ``user``."""
    cases = (
        cases.select_related("counterpart", "lead_agency")
        .prefetch_related("co_host_agencies")
        .order_by("start_date", "reference")
    )
    listed = list(cases)
    sorts = case_sorts(cases)
    sorted_by = sort_columns()
    labels: dict[str, dict[str, str]] = value_labels() if readable else defaultdict(dict)

    def label(key: str, code: str) -> str:
        return labels[key].get(code, code) if code else ""

    def label_list(key: str, codes: list[str]) -> str:
        return f"{LIST_SEPARATOR} ".join(label(key, code) for code in codes) if readable else ",".join(codes)

    people: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
    shown_in_full = identity_visible_among(user=user, cases=listed)
    for case_id, name, nationality, passport, role in (
        Participant.objects.filter(case__in=cases)
        .order_by("case_id", "pk")
        .values_list("case_id", "person__full_name", "person__nationality", "person__passport_number", "role")
    ):
        shown = passport if case_id in shown_in_full else mask_passport(passport)
        people[case_id].append((name, label("nationality", str(nationality)), shown, label("role", role)))
    rows = []
    for case in listed:
        counterpart = case.counterpart
        rows.append(
            {
                "reference": case.reference,
                "kind": label("kind", case.kind),
                "direction": label("direction", case.direction),
                **{
                    column: label(column, sorts.get(case.pk, ("", ""))[0]) if case.kind == code else ""
                    for column, code in sorted_by.items()
                },
                "mode": label("mode", case.mode),
                "title": case.title,
                "purpose": case.purpose,
                "countries": label_list("countries", [str(c) for c in case.countries]),
                "counterpart_name": counterpart.name if counterpart else "",
                "counterpart_kind": label("counterpart_kind", counterpart.kind) if counterpart else "",
                "counterpart_country": label("counterpart_country", str(counterpart.country))
                if counterpart
                else "",
                "start_date": case.start_date,
                "end_date": case.end_date,
                # An agency by its name (the one of its language, or Vietnamese), even one no
                # longer active.
                "lead_agency": case.lead_agency.name if readable else case.lead_agency.code,
                "co_host_agencies": f"{LIST_SEPARATOR} ".join(
                    sorted(a.name for a in case.co_host_agencies.all())
                )
                if readable
                else ",".join(sorted(a.code for a in case.co_host_agencies.all())),
                "status": label("status", case.status),
                "participants": participant_cell(people[case.pk]),
            }
        )
    return rows


def as_text(value: Any) -> str:
    """A cell of a CSV file: dates in the local format (dd/mm/yyyy in both languages)."""
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return "" if value is None else str(value)

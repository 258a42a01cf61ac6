"""The columns of the case list as people read and type them: each column's header in the reader's
language, and for a coded column (status, kind, country, agency ...) its allowed values, shown by
their label and read back from the label in Vietnamese or English or from the code. The export,
the import template and the import all use these, so that an export imports back."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ttdn.accounts.models import Agency
from ttdn.cases import kinds
from ttdn.cases.models import Case, Organisation, Participant

LANGUAGES = ("vi", "en")
# Several countries or agencies in one cell: separated by semicolons (names may hold commas); a
# file of codes separated by commas is read too.
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    key: str  # the row's key, and a header the import still reads (files of earlier exports)
    label: str | Promise
    # "choice": one allowed value; "list": several, separated by LIST_SEPARATOR.
    coded: str = ""
    width: int = 16  # in characters, for the spreadsheets


def _sort_field_label(kind: kinds.CaseKind) -> str | Promise:
    field = apps.get_model(kind.extension_model)._meta.get_field(kind.report.sort_column)
    return capfirst(field.verbose_name)


def sort_columns() -> dict[str, str]:
    """Each kind's column for the sort of its cases: column name → kind code."""
    return {kind.report.sort_column: kind.code for kind in kinds.all_kinds() if kind.report.sort_column}


def case_columns() -> list[Column]:
    """The columns of the case list, in their order; each kind's sort column follows "direction"."""
    sorted_by = [
        Column(kind.report.sort_column, _sort_field_label(kind), "choice", 22)
        for kind in kinds.all_kinds()
        if kind.report.sort_column and kind.extension_model
    ]
    return [
        Column("reference", _("Reference"), width=14),
        Column("kind", _("Kind of case"), "choice", 18),
        Column("direction", _("Inbound or outbound"), "choice", 14),
        *sorted_by,
        Column("mode", _("Mode"), "choice", 14),
        Column("title", _("Title"), width=40),
        Column("purpose", _("Purpose"), width=30),
        Column("countries", _("Countries"), "list", 20),
        Column("counterpart_name", _("Counterpart"), width=30),
        Column("counterpart_kind", _("Kind of counterpart"), "choice", 22),
        Column("counterpart_country", _("Country of the counterpart"), "choice", 20),
        Column("start_date", _("Start date"), width=12),
        Column("end_date", _("End date"), width=12),
        Column("lead_agency", _("Lead agency"), "choice", 28),
        Column("co_host_agencies", _("Co-host agencies"), "list", 28),
        Column("status", _("Status"), "choice", 16),
        Column("participants", _("Participants (name | nationality | passport | role)"), width=60),
    ]


def columns() -> list[str]:
    """The keys of the columns, in their order."""
    return [column.key for column in case_columns()]


def headers() -> list[str]:
    """The columns' headers in the active language."""
    return [str(column.label) for column in case_columns()]


def _sort_choices(key: str) -> list[tuple[str, str]]:
    for kind in kinds.all_kinds():
        if kind.report.sort_column == key and kind.extension_model:
            field = apps.get_model(kind.extension_model)._meta.get_field(key)
            return [(str(code), str(label)) for code, label in field.flatchoices]
    return []


def _agencies() -> list[tuple[str, str]]:
    return [
        (agency.code, agency.name) for agency in Agency.objects.filter(is_active=True).order_by("name_vi")
    ]


def _choices(choices: Iterable[tuple[object, object]]) -> Callable[[], list[tuple[str, str]]]:
    return lambda: [(str(code), str(label)) for code, label in choices]


def allowed_values() -> dict[str, Callable[[], list[tuple[str, str]]]]:
    """For each coded column (and the participants' nationality and role), its allowed values as
    (code, label) in the active language, from a function (agencies and countries are read then)."""
    coded: dict[str, Callable[[], list[tuple[str, str]]]] = {
        "kind": kinds.choices,
        "direction": _choices(Case.Direction.choices),
        **{key: partial(_sort_choices, key) for key in sort_columns()},
        "mode": _choices(Case.Mode.choices),
        "countries": lambda: [(str(code), str(name)) for code, name in countries],
        "counterpart_kind": _choices(Organisation.Kind.choices),
        "lead_agency": _agencies,
        "status": _choices(Case.Status.choices),
        "role": _choices(Participant.Role.choices),
    }
    coded["counterpart_country"] = coded["nationality"] = coded["countries"]
    coded["co_host_agencies"] = coded["lead_agency"]
    return coded


def value_labels() -> dict[str, dict[str, str]]:
    """For each coded column, code → label in the active language (one query, for the agencies)."""
    found: dict[str, dict[str, str]] = {}
    read: dict[int, dict[str, str]] = {}
    for key, values in allowed_values().items():
        if id(values) not in read:
            read[id(values)] = dict(values())
        found[key] = read[id(values)]
    return found


def normal(text: str) -> str:
    """A value as typed, compared: Unicode composed (keyboards type Vietnamese letters both ways),
    letter case and runs of spaces ignored."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


class Reader:
    """Reads a file's headers and coded values: a label in Vietnamese or English, or the code.
    Made once per file (the agencies and the countries are read once)."""

    def __init__(self) -> None:
        self.header_keys: dict[str, str] = {}
        self.codes: dict[str, dict[str, str]] = {}
        # The labels of each coded column in the active language, for the errors.
        self.labels: dict[str, list[str]] = {
            key: list(labels.values()) for key, labels in value_labels().items()
        }
        for language in LANGUAGES:
            with translation.override(language):
                for column in case_columns():
                    self.header_keys.setdefault(normal(str(column.label)), column.key)
                for key, labels in value_labels().items():
                    codes = self.codes.setdefault(key, {})
                    for code, label in labels.items():
                        codes.setdefault(normal(code), code)
                        codes.setdefault(normal(label), code)
        for key in columns():
            self.header_keys[normal(key)] = key  # the code names of the earlier exports

    def key_of_header(self, header: str) -> str | None:
        return self.header_keys.get(normal(header))

    def code(self, key: str, value: str) -> str | None:
        """The code of ``value`` in the coded column ``key``; None when it is none of them."""
        return self.codes[key].get(normal(value))

    def codes_of_list(self, key: str, value: str) -> tuple[list[str], list[str]]:
        """The codes of a list cell, and the parts that are none of the allowed values."""
        found: list[str] = []
        unknown: list[str] = []
        for part in filter(None, (p.strip() for p in value.split(LIST_SEPARATOR))):
            code = self.code(key, part)
            if code is not None:
                found.append(code)
                continue
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            codes = [self.code(key, piece) for piece in pieces]
            if len(pieces) > 1 and all(codes):
                found.extend(c for c in codes if c)
            else:
                unknown.append(part)
        return found, unknown

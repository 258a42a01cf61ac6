"""The kinds of case, registered by their apps.

The core knows no kind by name: each app registers what the shared pages need from it (its
label, its reference prefix, where its forms live, its figures in the report) in its
``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from ttdn.cases.models import Case


@dataclass(frozen=True)
class ReportFigure:
    """One headline figure a kind adds to the periodic report (ttdn/reports/statistics.py)."""

    key: str  # its name in the report's JSON (the API and the command print it: keep it stable)
    label: str | Promise  # on the page, in the exports and in the quarterly summary
    definition: str | Promise  # what it counts, in a sentence, shown with the report
    # The figure, from the kind's visits that count in the period and were met in person.
    count: Callable[[QuerySet[Case]], int]


@dataclass(frozen=True)
class KindReport:
    """What a kind adds to the report. Each callable is given the kind's counted visits."""

    figures: tuple[ReportFigure, ...] = ()
    # Per case its sort, (code, label), for the figures "by kind"; the kind itself without one.
    sorts: Callable[[QuerySet[Case]], dict[int, tuple[str, str]]] | None = None
    # Per case (met in person), the people counted as its foreign visitors, for the figures by
    # country, kind and month.
    visitors: Callable[[QuerySet[Case]], dict[int, set[int]]] | None = None
    # The case list's column that carries the sort's code (the kind's import reads it back), if any.
    sort_column: str = ""


@dataclass(frozen=True)
class CaseKind:
    code: str
    label: str | Promise
    # The label of the "new case" button.
    create_label: str | Promise
    # A short description of one case for lists, e.g. "Inbound" or "Press visit".
    summary: Callable[[Case], str]
    # "DV", "DR", "PV": the first part of the reference number, chosen from the case.
    reference_prefix: Callable[[Case], str]
    # URL names of the kind's own create and edit pages.
    create_url_name: str
    edit_url_name: str
    # A template included on the case page for the kind's own fields.
    detail_template: str
    # "app_label.Model" of the kind's one-to-one record beside the case, for the timeline.
    extension_model: str = ""
    # Panels of the kind's own below the case's (a template), and what they need.
    panels_template: str = ""
    detail_context: Callable[[Case, Any], dict[str, Any]] | None = None
    # The kind's import page (from a spreadsheet), if it has one.
    import_url_name: str = ""
    # Its figures in the periodic report.
    report: KindReport = field(default_factory=KindReport)
    # Fields of the extension record the police's review covers (ttdn.cases.review_scope).
    reviewed_fields: tuple[str, ...] = ()


_registry: dict[str, CaseKind] = {}


def register(kind: CaseKind) -> None:
    _registry[kind.code] = kind


def get(code: str) -> CaseKind:
    return _registry[code]


def all_kinds() -> list[CaseKind]:
    return list(_registry.values())


def choices() -> list[tuple[str, str]]:
    return [(kind.code, str(kind.label)) for kind in _registry.values()]

"""The kinds of case (delegation, press visit, ...), registered by their apps.

The core knows no kind by name: each app registers what the shared pages need from it (its
label, its reference prefix, where its forms live) in its ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from ttdn.cases.models import Case


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

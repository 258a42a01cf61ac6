"""The kinds of case (delegation, press visit, ...), registered by their apps.

The core knows no kind by name: each app registers, once, in its ``AppConfig.ready``, everything it
adds to the core: what the shared pages need from it (its label, its reference prefix, where its
forms live), the conditions it puts on the workflow, the abilities it adds to the policy, the
records of identity data it keeps, its reminder triggers and its navigation entries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from django.utils.functional import Promise

if TYPE_CHECKING:
    from ttdn.cases.models import Case
    from ttdn.cases.policy import CaseRule
    from ttdn.navigation import NavItem
    from ttdn.notifications.rules import Trigger


class IdentityRecord(NamedTuple):
    """A record beside the person that holds more of their identity data (e.g. a press card):
    exported on a data subject's request and cleared with the person (``cleared``: field -> value)."""

    model: str  # "app_label.Model"
    person_field: str
    cleared: Mapping[str, object]


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
    # transition name -> conditions that must also hold for the kind's cases (None: they do).
    conditions: Mapping[str, Sequence[Callable[[Case], str | None]]] = field(default_factory=dict)
    # ability name -> rule (ttdn.cases.policy), beside the core's abilities on the kind's cases.
    abilities: Mapping[str, CaseRule] = field(default_factory=dict)
    identity_records: Sequence[IdentityRecord] = ()
    reminder_triggers: Sequence[Trigger] = ()
    navigation: Sequence[NavItem] = ()


_registry: dict[str, CaseKind] = {}


def register(kind: CaseKind) -> None:
    """Register ``kind``; its reminder triggers and navigation entries join the core's."""
    from ttdn import navigation
    from ttdn.notifications import rules

    _registry[kind.code] = kind
    for trigger in kind.reminder_triggers:
        rules.register(trigger)
    for item in kind.navigation:
        navigation.register(item)


def get(code: str) -> CaseKind:
    return _registry[code]


def all_kinds() -> list[CaseKind]:
    return list(_registry.values())


def choices() -> list[tuple[str, str]]:
    return [(kind.code, str(kind.label)) for kind in _registry.values()]


def identity_records() -> list[IdentityRecord]:
    """The records of identity data the kinds keep beside their people (press cards, ...)."""
    return [record for kind in _registry.values() for record in kind.identity_records]

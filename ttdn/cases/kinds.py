"""The kinds of case, registered by their apps.

The core knows no kind by name: each app registers, once, in its ``AppConfig.ready``, everything it
adds to the core: what the shared pages need from it (its label, its reference prefix, where its
forms live), the conditions it puts on the workflow, the abilities it adds to the policy, the
records of identity data it keeps, its reminder triggers, its navigation entries, its events,
its figures in the report and the fields of its own that the police's review covers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from django.db.models import Q, QuerySet
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
class ReportFigure:
    """One headline figure a kind adds to the periodic report (ttdn/reports/statistics.py), said as
    conditions so that the report adds up every figure in SQL, in one query for all of them.

    It counts, among the kind's visits that count in the period and were met in person, those
    that ``cases`` selects (a condition on the case); with ``people``, the distinct people of
    their participants that it selects (a condition on the participant: one person in two visits
    is one); with ``related``, the rows of that relation of the case (e.g. its coverage)."""

    key: str  # its name in the report's JSON (the API and the command print it: keep it stable)
    label: str | Promise  # on the page, in the exports and in the quarterly summary
    definition: str | Promise  # what it counts, in a sentence, shown with the report
    cases: Q = field(default_factory=Q)
    people: Q | None = None
    related: str = ""


@dataclass(frozen=True)
class KindReport:
    """What a kind adds to the report."""

    figures: tuple[ReportFigure, ...] = ()
    # Who counts as the foreign visitors of its visits met in person, for the figures by country,
    # kind and month: a condition on the participant (None: nobody).
    visitors: Q | None = None
    # The field of the kind's own record (``extension_model``) that sorts its cases for the
    # figures "by kind" and for the case list's column of that name (the import reads it back);
    # without one, the kind is its own sort.
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
    # Those panels in the case page's menu of sections: (anchor, label).
    sections: tuple[tuple[str, str | Promise], ...] = ()
    detail_context: Callable[[Case, Any], dict[str, Any]] | None = None
    # The kind's import page (from a spreadsheet), if it has one.
    import_url_name: str = ""
    # Its figures in the periodic report.
    report: KindReport = field(default_factory=KindReport)
    # Fields of the extension record the police's review covers (ttdn.cases.review_scope).
    reviewed_fields: tuple[str, ...] = ()
    # The police's checklist for the kind's cases: (field of Review, label), in order
    # (ttdn.cases.review_checklist); empty: the core's four items.
    review_checklist: tuple[tuple[str, str | Promise], ...] = ()
    # The code of the timer (ttdn.cases.models.Timer) that sets when the kind's report after the
    # visit is due; empty: the core's "post_visit_report".
    report_timer: str = ""
    # transition name -> conditions that must also hold for the kind's cases (None: they do).
    conditions: Mapping[str, Sequence[Callable[[Case], str | None]]] = field(default_factory=dict)
    # ability name -> rule (ttdn.cases.policy), beside the core's abilities on the kind's cases.
    abilities: Mapping[str, CaseRule] = field(default_factory=dict)
    identity_records: Sequence[IdentityRecord] = ()
    reminder_triggers: Sequence[Trigger] = ()
    navigation: Sequence[NavItem] = ()
    # event code -> label of the events the kind's services record (ttdn.cases.events).
    events: Mapping[str, str | Promise] = field(default_factory=dict)
    # Whether its cases receive foreign guests as participants (the participants' section and
    # formset, the guests' print-outs, precedence and reception budget); False for a kind whose
    # members are the province's own officials (outbound delegations): the core hides them.
    foreign_participants: bool = True
    # Agencies that see the kind's cases besides the lead and co-host agencies (e.g. those asked
    # for their opinion): given case ids, the (case id, agency id) pairs; the core writes their
    # grants with the hosts' (ttdn.cases.permissions.sync_host_grants).
    agencies_seeing: Callable[[Sequence[int]], Iterable[tuple[int, int]]] | None = None
    # Clears the identity data the kind keeps outside the persons (e.g. the passports of an
    # outbound trip's officials) on those of its cases past their retention period (the retention
    # task gives them); returns how many records it cleared. None: it keeps none.
    retention_clear: Callable[[QuerySet[Case]], int] | None = None
    # Who the documents drafted from a case (ttdn.documents.context) list as its people, in rows of
    # the participants' keys (is_head, name, role, position, organisation, country), for a kind
    # whose people are not participants (an outbound trip's officials). None: the participants.
    document_people: Callable[[Case], list[dict[str, str]]] | None = None


_registry: dict[str, CaseKind] = {}


def register(kind: CaseKind) -> None:
    """Register ``kind``; its reminder triggers, navigation entries and events join the core's."""
    from ttdn import navigation
    from ttdn.cases.events import register_event
    from ttdn.notifications import rules

    _registry[kind.code] = kind
    for code, label in kind.events.items():
        register_event(code, label)
    for trigger in kind.reminder_triggers:
        rules.register(trigger)
    for item in kind.navigation:
        navigation.register(item)


def get(code: str) -> CaseKind:
    return _registry[code]


def codes() -> list[str]:
    return list(_registry)


def all_kinds() -> list[CaseKind]:
    return list(_registry.values())


def choices() -> list[tuple[str, str]]:
    return [(kind.code, str(kind.label)) for kind in _registry.values()]


def extension_accessors() -> list[str]:
    """The names by which a case reaches each kind's one-to-one record (``case.delegation``), to
    read it in the case's own query."""
    from django.apps import apps

    return [
        apps.get_model(kind.extension_model)._meta.get_field("case").remote_field.get_accessor_name()
        for kind in _registry.values()
        if kind.extension_model
    ]


def agencies_seeing(case_ids: Sequence[int]) -> list[tuple[int, int]]:
    """The (case id, agency id) pairs the kinds add to the hosts of these cases."""
    return [
        pair for kind in _registry.values() if kind.agencies_seeing for pair in kind.agencies_seeing(case_ids)
    ]


def identity_records() -> list[IdentityRecord]:
    """The records of identity data the kinds keep beside their people (press cards, ...)."""
    return [record for kind in _registry.values() for record in kind.identity_records]

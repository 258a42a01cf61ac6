"""Panels that core apps beside the cases add to the case page (the documents, the budget, the
gifts...), registered once in their ``AppConfig.ready``: the cases app never names them.

A panel with a ``section`` is a section of the page of its own, listed in the page's menu of
sections (after the programme: hosting the visit); one without joins the documents and
attachments. A panel's ``context`` returns None where the user is not to see it: it is then
neither on the page nor in the menu. A ``guests_only`` panel (the guests' print-outs, precedence,
the reception budget) is about foreign guests: it is left out for the kinds whose cases have none
(``CaseKind.foreign_participants``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from ttdn.accounts.models import User
    from ttdn.cases.models import Case


@dataclass(frozen=True)
class CasePanel:
    template: str  # included with ``panel`` set to what ``context`` returns
    context: Callable[[Case, User], dict[str, Any] | None]
    section: tuple[str, str | Promise] | None = None  # (anchor, label) in the menu of sections
    guests_only: bool = False


@dataclass(frozen=True)
class ShownPanel:
    template: str
    context: dict[str, Any]
    section: tuple[str, str | Promise] | None = None


_registry: list[CasePanel] = []


def register(panel: CasePanel) -> None:
    if panel not in _registry:
        _registry.append(panel)


def panels_for(*, case: Case, user: User) -> list[ShownPanel]:
    from ttdn.cases import kinds

    with_guests = kinds.get(case.kind).foreign_participants
    shown = []
    for panel in _registry:
        if panel.guests_only and not with_guests:
            continue
        context = panel.context(case, user)
        if context is not None:
            shown.append(ShownPanel(panel.template, context, panel.section))
    return shown

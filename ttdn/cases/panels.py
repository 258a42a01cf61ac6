"""Panels that core apps beside the cases add to the case page (the documents, say), registered
once in their ``AppConfig.ready``: the cases app never names them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ttdn.accounts.models import User
    from ttdn.cases.models import Case


@dataclass(frozen=True)
class CasePanel:
    template: str  # included with ``panel`` set to what ``context`` returns
    context: Callable[[Case, User], dict[str, Any]]


@dataclass(frozen=True)
class ShownPanel:
    template: str
    context: dict[str, Any]


_registry: list[CasePanel] = []


def register(panel: CasePanel) -> None:
    if panel not in _registry:
        _registry.append(panel)


def panels_for(*, case: Case, user: User) -> list[ShownPanel]:
    return [ShownPanel(panel.template, panel.context(case, user)) for panel in _registry]

"""Panels that other core apps add to the home page (the plan's tasks of the user's agency...),
registered once in their ``AppConfig.ready``: the dashboard never names them. A panel's
``context`` returns None where the user has nothing to see in it: it is then not shown."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ttdn.accounts.models import User


@dataclass(frozen=True)
class DashboardPanel:
    template: str  # included with ``panel`` set to what ``context`` returns
    context: Callable[[User, datetime.date], dict[str, Any] | None]


@dataclass(frozen=True)
class ShownDashboardPanel:
    template: str
    context: dict[str, Any]


_registry: list[DashboardPanel] = []


def register(panel: DashboardPanel) -> None:
    if panel not in _registry:
        _registry.append(panel)


def dashboard_panels_for(*, user: User, today: datetime.date) -> list[ShownDashboardPanel]:
    shown = []
    for panel in _registry:
        context = panel.context(user, today)
        if context is not None:
            shown.append(ShownDashboardPanel(panel.template, context))
    return shown

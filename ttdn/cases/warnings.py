"""Warnings that apps beside the cases raise about a case (the counterpart NGO's certificate has
ended, say), registered once in their ``AppConfig.ready``: the cases app never names them.

A warning never blocks a move: it tells. The case page shows them; so do the police's review
page, and the messages after a case is created, saved or submitted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ttdn.cases.models import Case

CaseWarning = Callable[["Case"], list[str]]

_registry: list[CaseWarning] = []


def register(warning: CaseWarning) -> None:
    if warning not in _registry:
        _registry.append(warning)


def warnings_for(case: Case) -> list[str]:
    """What the registered checks say of ``case``, in the active language."""
    return [message for warning in _registry for message in warning(case)]

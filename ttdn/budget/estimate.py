"""The estimate from the norms, as a pure function: unit amount x guests x days, by the unit's basis."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ttdn.budget.models import Basis


def quantity(basis: str, *, guests: int, days: int) -> int:
    """How many units a basis counts for ``guests`` over ``days``."""
    return {
        Basis.PER_GUEST_DAY: guests * days,
        Basis.PER_GUEST: guests,
        Basis.PER_DELEGATION_DAY: days,
        Basis.PER_DELEGATION: 1,
    }[Basis(basis)]


@dataclass(frozen=True)
class NormRow:
    item_id: int
    label: str
    unit_amount: int
    basis: str
    order: int = 0


@dataclass(frozen=True)
class EstimatedLine:
    item_id: int
    label: str
    unit_amount: int
    basis: str
    amount: int
    order: int


def estimate(norms: Iterable[NormRow], *, guests: int, days: int) -> list[EstimatedLine]:
    """One line per norm, in the norms' order."""
    return [
        EstimatedLine(
            item_id=norm.item_id,
            label=norm.label,
            unit_amount=norm.unit_amount,
            basis=norm.basis,
            amount=norm.unit_amount * quantity(norm.basis, guests=guests, days=days),
            order=norm.order,
        )
        for norm in norms
    ]

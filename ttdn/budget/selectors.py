"""Reads of the budget: the norms in force, a case's budget with its lines, and its totals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ttdn.budget.estimate import NormRow
from ttdn.budget.models import BudgetLine, CaseBudget, GuestCategory, Norm
from ttdn.cases.models import Case, Participant


def norms_in_force(*, category: GuestCategory, on: datetime.date) -> list[NormRow]:
    """The category's norms valid on ``on``, one per item (the latest start wins), items in order."""
    norms = (
        Norm.objects.filter(category=category, item__is_active=True, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("item")
        .order_by("item__order", "item__code", "-valid_from")
    )
    rows: dict[int, NormRow] = {}
    for norm in norms:
        if norm.item_id not in rows:
            rows[norm.item_id] = NormRow(
                norm.item_id, norm.item.name, norm.unit_amount, norm.basis, norm.item.order
            )
    return list(rows.values())


def categories_available() -> QuerySet[GuestCategory]:
    return GuestCategory.objects.filter(is_active=True)


def guests_of(case: Case) -> int:
    """The default number of guests: the case's foreign participants (not its Vietnamese officials)."""
    return case.participants.exclude(role=Participant.Role.OFFICIAL).count()


def budget_of(case: Case) -> CaseBudget | None:
    return CaseBudget.objects.select_related("category").filter(case=case).first()


def lines_of(budget: CaseBudget) -> list[BudgetLine]:
    return list(budget.lines.all())


@dataclass(frozen=True)
class Totals:
    estimated: int
    actual: int | None  # None until some actual spending is recorded
    difference: int | None


def totals_of(lines: list[BudgetLine]) -> Totals:
    estimated = sum(line.amount for line in lines)
    recorded = [line.actual for line in lines if line.actual is not None]
    actual = sum(recorded) if recorded else None
    return Totals(estimated, actual, None if actual is None else actual - estimated)

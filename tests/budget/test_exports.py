from __future__ import annotations

import pytest
from django.utils import translation

from ttdn.budget.exports import calculation, subtitle_of
from ttdn.budget.models import Basis, BudgetLine, CaseBudget, GuestCategory
from ttdn.budget.services import budget_compute

pytestmark = pytest.mark.django_db


def _per_guest_day(budget: CaseBudget) -> BudgetLine:
    return budget.lines.filter(basis=Basis.PER_GUEST_DAY).order_by("pk")[0]


def test_one_guest_and_one_day_are_said_in_the_singular(case, protocol) -> None:
    budget = budget_compute(actor=protocol, case=case, category=GuestCategory.objects.get(code="b"), guests=1,
                            days=1)  # fmt: skip
    with translation.override("en"):
        assert calculation(_per_guest_day(budget), budget).endswith(" \u00d7 1 guest \u00d7 1 day")
        assert subtitle_of(budget).endswith(" · 1 guest · 1 day")
    with translation.override("vi"):
        assert calculation(_per_guest_day(budget), budget).endswith(" \u00d7 1 khách \u00d7 1 ngày")
    budget = budget_compute(actor=protocol, case=case, category=budget.category, guests=3, days=2)
    with translation.override("en"):
        assert calculation(_per_guest_day(budget), budget).endswith(" \u00d7 3 guests \u00d7 2 days")

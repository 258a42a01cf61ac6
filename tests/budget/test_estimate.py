from __future__ import annotations

import pytest

from ttdn.budget.estimate import NormRow, estimate
from ttdn.budget.models import Basis, Norm
from ttdn.budget.selectors import norms_in_force

NORMS = [
    NormRow(1, "meals", 1_000_000, Basis.PER_GUEST_DAY),
    NormRow(2, "gifts", 600_000, Basis.PER_GUEST),
    NormRow(3, "transport", 3_000_000, Basis.PER_DELEGATION_DAY),
    NormRow(4, "hall", 5_000_000, Basis.PER_DELEGATION),
]


@pytest.mark.parametrize(("guests", "days"), [(1, 1), (3, 2), (12, 5)])
def test_the_estimate_is_the_norms_times_guests_times_days_line_by_line(guests: int, days: int) -> None:
    lines = estimate(NORMS, guests=guests, days=days)
    assert [line.amount for line in lines] == [
        1_000_000 * guests * days,
        600_000 * guests,
        3_000_000 * days,
        5_000_000,
    ]
    assert [line.item_id for line in lines] == [1, 2, 3, 4]


@pytest.mark.django_db
def test_a_case_estimate_equals_the_default_norms_line_by_line(budget, case) -> None:
    norms = norms_in_force(category=budget.category, on=case.start_date)
    assert len(norms) == 6
    factor = {"guest_day": 3 * 2, "guest": 3, "delegation_day": 2, "delegation": 1}
    lines = {line.item_id: line for line in budget.lines.all()}
    for norm in norms:
        assert lines[norm.item_id].amount == norm.unit_amount * factor[norm.basis]
        assert lines[norm.item_id].computed == lines[norm.item_id].amount


@pytest.mark.django_db
def test_every_default_norm_says_its_legal_basis_and_asks_to_be_verified() -> None:
    for norm in Norm.objects.all():
        assert "71/2018/TT-BTC" in norm.legal_basis
        assert "verify" in norm.legal_basis

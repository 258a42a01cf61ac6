from __future__ import annotations

from typing import Any

import pytest

from tests.factories import make_delegation
from ttdn.budget.models import GuestCategory
from ttdn.budget.services import budget_compute
from ttdn.cases.models import Case


@pytest.fixture
def case(protocol: Any) -> Case:
    return make_delegation(actor=protocol, participants=3, days=2)


@pytest.fixture
def budget(case: Case, protocol: Any) -> Any:
    return budget_compute(
        actor=protocol, case=case, category=GuestCategory.objects.get(code="b"), guests=3, days=2
    )

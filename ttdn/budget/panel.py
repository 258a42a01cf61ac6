"""The case page's "Reception budget" section: only for those who may see the finances."""

from __future__ import annotations

from typing import Any

from ttdn.accounts.models import User
from ttdn.budget.exports import calculation
from ttdn.budget.selectors import budget_of, lines_of, totals_of
from ttdn.cases.models import Case
from ttdn.cases.policy import Ability, may_edit_finances, may_see_finances


def case_budget_panel(case: Case, user: User) -> dict[str, Any] | None:
    if may_see_finances(user=user, case=case) is not None:
        return None
    budget = budget_of(case)
    lines = lines_of(budget) if budget else []
    return {
        "case": case,
        "budget": budget,
        "rows": [(line, calculation(line, budget)) for line in lines] if budget else [],
        "totals": totals_of(lines),
        "edit": Ability(may_edit_finances(user=user, case=case)),
    }

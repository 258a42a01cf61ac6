"""The case page's panel of the order of precedence: the host officials by rank, and the links to
the list, the seating plan and (for who may edit the case) their forms."""

from __future__ import annotations

from typing import Any

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.printouts.selectors_seating import case_hosts


def case_seating_panel(case: Case, user: User) -> dict[str, Any]:
    return {"case": case, "hosts": case_hosts(case)}

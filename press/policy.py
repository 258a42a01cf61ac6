"""What press visits add to the policy (``ttdn.cases.policy``), registered with the kind."""

from __future__ import annotations

from django.utils.translation import gettext as _

from press.models import KIND
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases.models import Case
from ttdn.cases.policy import Refusal


def may_record_coverage(*, user: User, case: Case) -> Refusal | None:
    """What the press published about the visit, recorded by protocol staff (also after it)."""
    if not has_role(user, Role.PROTOCOL):
        return Refusal(_("Only protocol staff record the coverage."), by_role=True)
    if case.kind != KIND:
        return Refusal(_("Coverage is recorded for press visits."))
    return None

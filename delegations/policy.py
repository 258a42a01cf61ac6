"""What delegations add to the policy (``ttdn.cases.policy``): the agreements and the import."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases.policy import Refusal


def may_read_agreements(*, user: User) -> Refusal | None:
    if has_role(user, Role.PROTOCOL, Role.LEADER, Role.ADMIN):
        return None
    return Refusal(_("Only protocol staff, leaders and administrators see the agreements."), by_role=True)


def may_edit_agreements(*, user: User) -> Refusal | None:
    if has_role(user, Role.PROTOCOL):
        return None
    return Refusal(_("Only protocol staff may record agreements."), by_role=True)


def may_import_cases(*, user: User) -> Refusal | None:
    if has_role(user, Role.PROTOCOL):
        return None
    return Refusal(_("Only protocol staff import cases."), by_role=True)

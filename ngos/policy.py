"""Who may change the NGO registry: protocol staff keep it; the others who see it only read."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ttdn.accounts.roles import Role, has_role
from ttdn.cases.policy import Refusal


def may_manage_ngos(*, user: Any) -> Refusal | None:
    if has_role(user, Role.PROTOCOL):
        return None
    return Refusal(_("Only protocol staff keep the registry of foreign NGOs."), by_role=True)

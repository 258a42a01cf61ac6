"""What outbound delegations add to the workflow (registered with the kind)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from outbound.models import TripMember
from ttdn.cases.models import Case


def has_members(case: Case) -> str | None:
    """Submitting needs the delegation's head among its members: the police review who travels."""
    if not TripMember.objects.filter(trip__case=case, role=TripMember.Role.HEAD).exists():
        return _("Add the head of the delegation to its members before submitting.")
    return None

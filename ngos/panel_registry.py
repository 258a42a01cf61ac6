"""The case page's "Foreign NGO" panel: where the visit's counterpart is an NGO in the registry
that the user may see, its certificate's state and a link to its page (the core never names the
registry: the panel is registered in NgosConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ngos.selectors import ngos_visible_to
from ngos.selectors_registry import certificate_state
from ttdn.accounts.models import User
from ttdn.cases.models import Case, Organisation


def case_ngo_panel(case: Case, user: User) -> dict[str, Any] | None:
    counterpart = case.counterpart
    if counterpart is None or counterpart.kind != Organisation.Kind.NGO:
        return None
    ngo = (
        ngos_visible_to(user)
        .filter(organisation=counterpart)
        .annotate(certificate_until=Max("certificates__valid_until"))
        .first()
    )
    if ngo is None:
        return None
    until = ngo.certificate_until
    return {
        "ngo": ngo,
        "until": until,
        "state": certificate_state(until, timezone.localdate()),
        "url": reverse("ngos:detail", kwargs={"pk": ngo.pk}),
    }

"""The case page's gifts panel: shown only to those who may see the case's finances."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.policy import Ability, may_edit_finances, may_record_gift_hand_in, may_see_finances
from ttdn.gifts.models import GiftGiven, GiftReceived, GiftSettings
from ttdn.gifts.selectors import received_status
from ttdn.reference import Reference

# The threshold the panel states (recording a gift reads the database's).
THRESHOLD_SHOWN = Reference("gifts:threshold", lambda: GiftSettings.current().threshold, GiftSettings)


def case_gifts_panel(case: Case, user: User) -> dict[str, Any] | None:
    if may_see_finances(user=user, case=case) is not None:
        return None
    today = timezone.localdate()
    received = list(
        GiftReceived.objects.filter(case=case).select_related(
            "from_participant__person", "from_organisation", "recipient_user"
        )
    )
    given = list(GiftGiven.objects.filter(case=case).select_related("participant__person", "budget_line"))
    return {
        "case": case,
        "edit": Ability(may_edit_finances(user=user, case=case)),
        "hand_in": Ability(may_record_gift_hand_in(user=user, case=case)),
        "threshold": THRESHOLD_SHOWN.get(),
        "count": len(given) + len(received),
        "given": given,
        "received": [(gift, received_status(gift, today)) for gift in received],
    }

"""The case page's "Print for the guests" panel: the badges and the place cards, a layout each."""

from __future__ import annotations

from typing import Any

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.policy import may_print_for_guests
from ttdn.printouts.badges.forms import PrintForm
from ttdn.printouts.badges.layouts import Kind
from ttdn.printouts.models import BadgeLayout
from ttdn.reference import Reference

LAYOUTS = Reference(
    "printouts:layouts", lambda: list(BadgeLayout.objects.order_by("-is_default", "name")), BadgeLayout
)


def print_for_guests_panel(case: Case, user: User) -> dict[str, Any] | None:
    if may_print_for_guests(user=user, case=case) is not None:
        return None
    layouts = LAYOUTS.get()  # one read for both forms, shared until an admin changes one
    return {
        "case": case,
        "badge_form": PrintForm(kind=Kind.BADGE, layouts=layouts, auto_id="id_badges_%s"),
        "card_form": PrintForm(kind=Kind.PLACE_CARD, layouts=layouts, auto_id="id_cards_%s"),
    }

"""The case page's "Print for the guests" panel: the badges and the place cards, a layout each."""

from __future__ import annotations

from typing import Any

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.policy import may_print_for_guests
from ttdn.printouts.badges.forms import PrintForm
from ttdn.printouts.badges.layouts import Kind


def print_for_guests_panel(case: Case, user: User) -> dict[str, Any] | None:
    if may_print_for_guests(user=user, case=case) is not None:
        return None
    # The forms read their layouts only when the template shows them (to who may print).
    return {
        "case": case,
        "badge_form": PrintForm(kind=Kind.BADGE, auto_id="id_badges_%s"),
        "card_form": PrintForm(kind=Kind.PLACE_CARD, auto_id="id_cards_%s"),
    }

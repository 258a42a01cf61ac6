"""The events the badges' services write on a case's timeline: who printed what, how many."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

BADGES_PRINTED = "printouts.badges_printed"
PLACE_CARDS_PRINTED = "printouts.place_cards_printed"

LABELS = {
    BADGES_PRINTED: _("Badges printed"),
    PLACE_CARDS_PRINTED: _("Place cards printed"),
}


def register() -> None:
    from ttdn.cases.events import register_event

    for code, label in LABELS.items():
        register_event(code, label)

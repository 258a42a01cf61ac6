"""The events the gifts register writes on a case's timeline."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

GIVEN_RECORDED = "gift.given_recorded"
GIVEN_CHANGED = "gift.given_changed"
RECEIVED_RECORDED = "gift.received_recorded"
RECEIVED_CHANGED = "gift.received_changed"
DECLARED = "gift.declared"
HANDED_IN = "gift.handed_in"

LABELS = {
    GIVEN_RECORDED: _("Gift given recorded"),
    GIVEN_CHANGED: _("Gift given changed"),
    RECEIVED_RECORDED: _("Gift received recorded"),
    RECEIVED_CHANGED: _("Gift received changed"),
    DECLARED: _("Gift received declared"),
    HANDED_IN: _("Gift received handed in"),
}


def register() -> None:
    from ttdn.cases.events import register_event

    for code, label in LABELS.items():
        register_event(code, label)

"""The events the budget's services write on a case's timeline."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COMPUTED = "budget.computed"
LINE_EDITED = "budget.line_edited"
LINE_ADDED = "budget.line_added"
LINE_REMOVED = "budget.line_removed"
ACTUALS = "budget.actuals"

LABELS = {
    COMPUTED: _("Reception budget computed from the norms"),
    LINE_EDITED: _("Budget line changed"),
    LINE_ADDED: _("Budget line added"),
    LINE_REMOVED: _("Budget line removed"),
    ACTUALS: _("Actual spending recorded"),
}


def register() -> None:
    from ttdn.cases.events import register_event

    for code, label in LABELS.items():
        register_event(code, label)

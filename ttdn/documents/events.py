"""The events the documents' services write on a case's timeline."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DRAFTED = "document.drafted"
REGENERATED = "document.regenerated"
ISSUED = "document.issued"
SCAN_ATTACHED = "document.scan_attached"
RECEIVED = "document.received"

LABELS = {
    DRAFTED: _("Document drafted"),
    REGENERATED: _("Document draft regenerated"),
    ISSUED: _("Document issued"),
    SCAN_ATTACHED: _("Signed scan attached"),
    RECEIVED: _("Document received"),
}


def register() -> None:
    from ttdn.cases.events import register_event

    for code, label in LABELS.items():
        register_event(code, label)

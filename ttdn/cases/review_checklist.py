"""The police's checklist, per kind of case: the items the officer ticks before clearing a case.

The review keeps one field per item the core knows (``Review.ITEMS``); a kind chooses which of them
its cases are checked on, with its own wording (``CaseKind.review_checklist``), e.g. an outbound
trip checks the materials carried and the devices instead of the programme's places. A kind that
chooses none is checked on the core's four items (``DEFAULT``).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ttdn.cases import kinds

ChecklistItem = tuple[str, str | Promise]  # (field of Review, label)

DEFAULT: tuple[ChecklistItem, ...] = (
    ("materials_checked", _("Materials checked for state secrets")),
    ("programme_avoids_restricted_areas", _("Programme avoids restricted areas")),
    ("hosts_briefed", _("Hosts briefed on secrecy")),
    ("recording_restrictions_stated", _("Recording and filming restrictions stated")),
)


def checklist_for(kind_code: str) -> tuple[ChecklistItem, ...]:
    """The items a case of ``kind_code`` is checked on, in their order, with their labels."""
    try:
        kind = kinds.get(kind_code)
    except KeyError:
        return DEFAULT
    return tuple(kind.review_checklist) or DEFAULT


def checklist_names(kind_code: str) -> tuple[str, ...]:
    return tuple(name for name, _label in checklist_for(kind_code))

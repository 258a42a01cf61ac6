"""The case list's choices, named once: its optional columns, and what a saved filter may hold.

The page (ttdn/cases/views/case_list.py) and the services that remember a user's choices
(ttdn/cases/services/case_list.py) both read these; delegations and press share them."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The optional columns, in the order the list shows them (reference and title always show).
COLUMNS: dict[str, str | Promise] = {
    "kind": _("Kind"),
    "counterpart": _("Counterpart"),
    "countries": _("Countries"),
    "dates": _("Dates"),
    "lead_agency": _("Lead agency"),
    "responsible_officer": _("Responsible officer"),
    "participants": _("Participants"),
    "status": _("Status"),
}
DEFAULT_COLUMNS = ("kind", "counterpart", "countries", "dates", "lead_agency", "participants", "status")

# What a saved filter keeps of the list's query: the filter's fields, the sort and the page size
# (never the page: a saved filter opens on its first page). Anything else is dropped.
SAVED_QUERY_KEYS = (
    "q",
    "kind",
    "direction",
    "status",
    "country",
    "agency",
    "period_from",
    "period_to",
    "sort",
    "per_page",
)
SAVED_QUERY_MAX_LENGTH = 1000
SAVED_FILTERS_MAX = 30


def columns_of(chosen: object) -> list[str]:
    """The columns a user's stored choice shows, in the list's order (unknown names left out; no
    choice, or nothing left of it: the default ones)."""
    names = {name for name in chosen if isinstance(name, str)} if isinstance(chosen, list) else set()
    columns = [name for name in COLUMNS if name in names]
    return columns or list(DEFAULT_COLUMNS)


def saved_query(query: str) -> QueryDict:
    """``query`` reduced to what a saved filter keeps: the known keys with a non-empty value, each
    once, in a fixed order (so that the same filter saved twice reads the same)."""
    given = QueryDict(query.lstrip("?"))
    kept = QueryDict(mutable=True)
    for key in SAVED_QUERY_KEYS:
        value = given.get(key, "").strip()
        if value:
            kept[key] = value
    return kept

"""What the police's confidentiality review covers, named once: what the police cleared is what
happens, so once a review has passed, a change to any of these reopens it (the case service
decides it, the edit page warns of it). A kind adds the fields of its own record with its
registration (``CaseKind.reviewed_fields``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ttdn.cases import kinds
from ttdn.cases.models import Case

# The case's own fields the police check: who comes, from where, when, how and hosted by whom.
# Title, purpose, the officer in charge, the letters, the decision and the notes are the
# office's own paperwork: they change without a new review.
REVIEWED_CASE_FIELDS = (
    "direction",
    "counterpart",
    "countries",
    "start_date",
    "end_date",
    "mode",
    "lead_agency",
    "co_host_agencies",
)
# The records around the case the police check, named as the services name their changes.
REVIEWED_RECORDS: dict[str, str | Promise] = {
    "participants": _("participants"),
    "programme": _("programme"),
    "attachments": _("attachments"),
}


def reviewed_fields(kind: str) -> tuple[str, ...]:
    """Everything the review of a case of ``kind`` covers, in the order the warnings list it."""
    return (*REVIEWED_CASE_FIELDS, *REVIEWED_RECORDS, *kinds.get(kind).reviewed_fields)


def reviewed_changes(*, kind: str, changed: Iterable[str]) -> list[str]:
    """The names among ``changed`` (fields of the case or of the kind's record, or the records
    around it) that the review covers."""
    changed = set(changed)
    return [name for name in reviewed_fields(kind) if name in changed]


def reviewed_labels(*, kind: str, names: Iterable[str]) -> list[str]:
    """How the pages name ``names``: the fields' verbose names, in the language of the page."""
    extension = kinds.get(kind).extension_model
    record = apps.get_model(extension) if extension else None
    labels = []
    for name in names:
        if name in REVIEWED_RECORDS:
            labels.append(str(REVIEWED_RECORDS[name]))
        elif name in REVIEWED_CASE_FIELDS:
            labels.append(str(getattr(Case._meta.get_field(name), "verbose_name", name)))
        elif record is not None:
            labels.append(str(getattr(record._meta.get_field(name), "verbose_name", name)))
    return labels

"""Record what happens to a case: ``log_event`` is the one way services write the event log.

Each code is registered once with its label: the core's below, the workflow's transitions
(``case.<name>``) by ``ttdn.cases.services.workflow``, and a kind's own by its app. The timeline
(``ttdn.cases.timeline``) and the API show the label in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import User
from ttdn.bulk import BATCH_SIZE
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case, CaseEvent
from ttdn.cases.models.event import TEXT_MAX_LENGTH

# code -> label shown on the timeline; kinds and core modules add theirs with register_event.
EVENT_LABELS: dict[str, str | Promise] = {}


def register_event(code: str, label: str | Promise) -> None:
    """Name an event code once; registering a code again with another label is a mistake."""
    known = EVENT_LABELS.get(code)
    if known is not None and str(known) != str(label):
        raise ValueError(f"event code {code!r} is already registered as {known!r}")
    EVENT_LABELS[code] = label


def event_label(code: str) -> str:
    """The label of ``code``; an unregistered code (of an app since removed) shows as itself."""
    label = EVENT_LABELS.get(code)
    return str(label) if label is not None else code


def text_checked(text: str) -> str:
    """A reason, a decision note or a reference as a service keeps it: stripped, and whole up to
    TEXT_MAX_LENGTH characters; a longer one is refused, never cut."""
    text = text.strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise CaseError(
            _("Keep the text under %(limit)s characters (this one has %(length)s).")
            % {"limit": TEXT_MAX_LENGTH, "length": len(text)}
        )
    return text


def log_event(
    *, case: Case, code: str, actor: User | None, text: str = "", data: dict[str, Any] | None = None
) -> CaseEvent:
    """Record ``code`` on ``case``. ``text`` is kept whole: callers validate its length (forms and
    serializers with max_length, services with ``text_checked``), so an over-long text here is a
    programming error, not a user's. ``data`` holds ids and codes, never identity data (names,
    passport numbers): retention clears those in their own records, and would miss them here."""
    if code not in EVENT_LABELS:
        raise ValueError(f"unregistered event code {code!r}")
    if len(text) > TEXT_MAX_LENGTH:
        raise ValueError(f"event text over {TEXT_MAX_LENGTH} characters")
    return CaseEvent.objects.create(case=case, code=code, actor=actor, text=text, data=data or {})


def log_events(
    *, code: str, actor: User | None, text: str = "", data_by_case: Mapping[int, dict[str, Any]]
) -> None:
    """One event on each of several cases at once, in one query (a person's correction on each
    of their cases, an anonymisation), all at one time: read together, they are one event."""
    if code not in EVENT_LABELS:
        raise ValueError(f"unregistered event code {code!r}")
    if len(text) > TEXT_MAX_LENGTH:
        raise ValueError(f"event text over {TEXT_MAX_LENGTH} characters")
    at = timezone.now()
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(case_id=case_id, code=code, actor=actor, at=at, text=text, data=data)
            for case_id, data in sorted(data_by_case.items())
        ],
        batch_size=BATCH_SIZE,
    )


# What the core's services record (the workflow registers its transitions as ``case.<name>``).
for _code, _label in [
    ("case.created", gettext_lazy("created")),
    ("case.decision", gettext_lazy("decision recorded")),
    ("review.referred", gettext_lazy("referred to the police")),
    ("review.assigned", gettext_lazy("review assigned")),
    ("review.more_info", gettext_lazy("the police need more information")),
    ("review.answered", gettext_lazy("questions answered")),
    ("review.resumed", gettext_lazy("back with the police after the answers")),
    ("review.cleared", gettext_lazy("cleared")),
    ("review.cleared_with_conditions", gettext_lazy("cleared with conditions")),
    ("review.not_cleared", gettext_lazy("not cleared")),
    ("review.waived", gettext_lazy("review waived by a leader")),
    ("review.stale", gettext_lazy("superseded by a change")),
    ("review.withdrawn", gettext_lazy("withdrawn from the police")),
    ("review.reopened", gettext_lazy("changed after the police's clearance: reviewed again")),
    ("access.referral_granted", gettext_lazy("the police's officers see the restricted case")),
    ("access.referral_withdrawn", gettext_lazy("the police's officers no longer see the case")),
    ("followup.created", gettext_lazy("follow-up assigned")),
    ("followup.done", gettext_lazy("follow-up done")),
    ("followup.cancelled", gettext_lazy("follow-up cancelled")),
    ("report.opened", gettext_lazy("post-visit report due")),
    ("report.filed", gettext_lazy("post-visit report filed")),
    ("attachment.added", gettext_lazy("file attached")),
    ("secrecy.recorded", gettext_lazy("secrecy mark recorded")),
    ("person.corrected", gettext_lazy("corrected at the person's request")),
    ("person.anonymised", gettext_lazy("identity data anonymised (retention period over)")),
    # A change reason of the old history that no code matched (kept whole, as it was).
    ("history.note", gettext_lazy("note")),
]:
    register_event(_code, _label)

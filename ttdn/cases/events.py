"""Record what happens to a case: ``log_event`` is the one way services write the event log."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise

from ttdn.accounts.models import User
from ttdn.cases.models import Case, CaseEvent
from ttdn.cases.models.event import TEXT_MAX_LENGTH

# code -> label shown on the timeline; kinds and core modules add theirs with register_event.
EVENT_LABELS: dict[str, str | Promise] = {}


def register_event(code: str, label: str | Promise) -> None:
    EVENT_LABELS[code] = label


def log_event(
    *, case: Case, code: str, actor: User | None, text: str = "", data: dict[str, Any] | None = None
) -> CaseEvent:
    """Record ``code`` on ``case``. ``text`` is kept whole: callers validate its length in forms
    (TEXT_MAX_LENGTH), so an over-long text here is a programming error, not a user's."""
    if len(text) > TEXT_MAX_LENGTH:
        raise ValueError(f"event text over {TEXT_MAX_LENGTH} characters")
    return CaseEvent.objects.create(case=case, code=code, actor=actor, text=text, data=data or {})

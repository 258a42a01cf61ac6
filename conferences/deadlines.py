"""The timers of Decision 06/2020/QĐ-TTg, as the admins set them (``cases.Timer``, conferences 0002):
the dossier due before the start (earlier when the approval is above the province), the consulted
agencies' answers, the report after the event (the kind's ``report_timer``, which the core reads)."""

from __future__ import annotations

import datetime

from ttdn.cases.deadlines import timer_shift
from ttdn.cases.models import Timer

DOSSIER_TIMER = "conference_dossier"
DOSSIER_CENTRAL_TIMER = "conference_dossier_central"
OPINIONS_TIMER = "conference_opinions"
REPORT_TIMER = "conference_report"


def _shifted(code: str, day: datetime.date, *, before: bool = False) -> datetime.date | None:
    timer = Timer.objects.filter(code=code).first()
    return None if timer is None else timer_shift(timer, day, before=before)


def dossier_due(*, start: datetime.date, above_province: bool) -> datetime.date | None:
    """The last day the dossier may reach the approving authority (None: the timer is not set up)."""
    return _shifted(DOSSIER_CENTRAL_TIMER if above_province else DOSSIER_TIMER, start, before=True)


def opinion_due(asked_on: datetime.date) -> datetime.date:
    """When an agency asked on ``asked_on`` owes its answer (the day itself without the timer)."""
    return _shifted(OPINIONS_TIMER, asked_on) or asked_on

"""The legal timers of press visits, as the case page shows them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from press.models import Coverage, PressVisit
from ttdn.cases.deadlines import is_working_day, timer_due, working_days_between
from ttdn.cases.identity import identity_visible, mask_passport
from ttdn.cases.models import Case, Timer

NON_RESIDENT_DOSSIER = "press_non_resident_dossier"
RESIDENT_ANSWER = "press_resident_answer"


@dataclass(frozen=True)
class Deadline:
    name: str
    due: datetime.date
    days_left: int  # working days from today; negative when passed
    late: bool
    note: str = ""

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)


def press_deadlines(*, case: Case, visit: PressVisit, today: datetime.date | None = None) -> list[Deadline]:
    today = today or timezone.localdate()
    code = NON_RESIDENT_DOSSIER if visit.residency == PressVisit.Residency.NON_RESIDENT else RESIDENT_ANSWER
    timer = Timer.objects.filter(code=code).first()
    due = timer_due(code=code, start=case.start_date, end=case.end_date, received=visit.request_received_on)
    if timer is None or due is None:
        return []
    note = ""
    if code == RESIDENT_ANSWER and not is_working_day(visit.request_received_on):
        note = str(_("Received on a day off: the count starts on the next working day."))
    if code == NON_RESIDENT_DOSSIER and visit.request_received_on > due:
        note = str(_("The dossier arrived after this date."))
    days_left = working_days_between(today, due)
    # Until the approval, a deadline that has passed is late; after it, it no longer matters.
    late = (days_left < 0 and case.status in Case.NOT_YET_APPROVED) or (
        code == NON_RESIDENT_DOSSIER and visit.request_received_on > due
    )
    return [Deadline(name=timer.name, due=due, days_left=days_left, late=late, note=note)]


def press_detail_context(case: Case, user: Any) -> dict[str, Any]:
    """What the press panels of the case page need."""
    from press.forms import CoverageForm

    visit = PressVisit.objects.select_related("escort_officer").get(case=case)
    visible = identity_visible(user=user, case=case)
    cards = {
        participant.person_id: participant.person.press_card
        for participant in case.participants.select_related("person__press_card")
        if hasattr(participant.person, "press_card")
    }
    return {
        "press_visit": visit,
        "press_deadlines": press_deadlines(case=case, visit=visit),
        "press_cards": [
            (
                card.person.full_name,
                card.get_kind_display(),
                card.number if visible else mask_passport(card.number),
                card.valid_until,
            )
            for card in cards.values()
        ],
        "coverage": list(Coverage.objects.filter(case=case)),
        "coverage_form": CoverageForm(),  # shown to whoever may record coverage (the kind's ability)
    }

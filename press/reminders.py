"""Press cards and permits ending before the press visit does."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy

from ttdn.cases.models import Participant
from ttdn.cases.reminders import CASE_AUDIENCES, document_expiry_occasions, document_expiry_render
from ttdn.notifications.models import ReminderRule
from ttdn.notifications.rules import Directory, Occasion, Trigger


def _find_press_cards(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    return document_expiry_occasions(
        rule=rule,
        today=today,
        directory=directory,
        participants=Participant.objects.filter(case__kind="press"),
        valid_until="person__press_card__valid_until",
        document="press_card",
    )


PRESS_CARD_EXPIRY = Trigger(
    "press_card_expiry",
    gettext_lazy("A press card or permit ends before the visit does"),
    _find_press_cards,
    document_expiry_render(gettext_lazy("press card or permit")),
    CASE_AUDIENCES,
    identity=True,
)

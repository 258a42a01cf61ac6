"""Writes of the gifts register: each checks the policy (protocol staff; gifts recorded or changed
until the case is finished, a declaration and hand-in whatever its status), validates, keeps the
history and records an event on the case's timeline."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

from ttdn.accounts.models import User
from ttdn.cases.deadlines import timer_due
from ttdn.cases.events import log_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce, may_edit_finances, may_record_gift_hand_in
from ttdn.gifts import events
from ttdn.gifts.models import GiftGiven, GiftReceived, GiftSettings

HAND_IN_TIMER = "gift_hand_in"


def above_threshold(estimated_value: int) -> bool:
    """Whether a gift of this estimated value must be declared and handed in (the settings now)."""
    return estimated_value > GiftSettings.current().threshold


def hand_in_due(*, received_on: datetime.date) -> datetime.date | None:
    """When a gift above the threshold received that day must be declared and handed in; None when
    the admins removed the timer (the gift stays above the threshold, without a date)."""
    return timer_due(code=HAND_IN_TIMER, start=received_on, received=received_on)


GiftT = TypeVar("GiftT", GiftGiven, GiftReceived)


def _record(
    *,
    actor: User,
    case: Case,
    gift: GiftT,
    events_: tuple[str, str],
    before_save: Callable[[GiftT], None] | None = None,
) -> GiftT:
    """Check, validate, save with its history and put on the timeline a gift new or changed;
    ``events_`` are the codes (recorded, changed)."""
    enforce(may_edit_finances(user=actor, case=case))
    created = gift.pk is None
    gift.case = case
    if created:
        gift.created_by = actor
    gift.full_clean()
    if before_save is not None:
        before_save(gift)
    stamp(gift, actor)
    gift.save()
    log_event(
        case=case,
        code=events_[0] if created else events_[1],
        actor=actor,
        text=gift.description,
        data={gift._meta.model_name or "gift": gift.pk},
    )
    return gift


@transaction.atomic
def gift_given_save(*, actor: User, case: Case, gift: GiftGiven) -> GiftGiven:
    """Record a gift given on ``case`` (new, or changed)."""
    return _record(actor=actor, case=case, gift=gift, events_=(events.GIVEN_RECORDED, events.GIVEN_CHANGED))


def _set_due(gift: GiftReceived) -> None:
    gift.above_threshold = above_threshold(gift.estimated_value)
    gift.hand_in_due = hand_in_due(received_on=gift.received_on) if gift.above_threshold else None


@transaction.atomic
def gift_received_save(*, actor: User, case: Case, gift: GiftReceived) -> GiftReceived:
    """Record a gift received on ``case`` (new, or changed); its hand-in date follows its value
    and the day it was received."""
    return _record(
        actor=actor,
        case=case,
        gift=gift,
        events_=(events.RECEIVED_RECORDED, events.RECEIVED_CHANGED),
        before_save=_set_due,
    )


@transaction.atomic
def gift_received_hand_in(
    *,
    actor: User,
    gift: GiftReceived,
    declared_on: datetime.date | None,
    handed_in_on: datetime.date | None,
    handed_to: str,
    decision: str,
    notes: str,
) -> GiftReceived:
    """Record the declaration and the hand-in of a gift received (no more reminders once handed in),
    also once its case is closed or cancelled: an overdue gift can always be settled."""
    enforce(may_record_gift_hand_in(user=actor, case=gift.case))
    gift.declared_on, gift.handed_in_on = declared_on, handed_in_on
    gift.handed_to, gift.decision, gift.notes = handed_to.strip(), decision, notes.strip()
    gift.full_clean()
    stamp(gift, actor)
    gift.save(update_fields=["declared_on", "handed_in_on", "handed_to", "decision", "notes"])
    log_event(
        case=gift.case,
        code=events.HANDED_IN if handed_in_on else events.DECLARED,
        actor=actor,
        text=gift.description,
        data={"gift_received": gift.pk},
    )
    return gift

"""Reminders of the gifts received above the threshold that are not handed in yet: before their
hand-in date, and when it has passed. A gift handed in is reminded of no more.

The trigger fills the gift's recipient (when a user) and the case's responsible officer; the default
rules also address all protocol staff who may see the case (a role audience, migration 0003), so a
gift whose recipient is no user, on a case without an officer, still reminds someone."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.gifts.models import GiftReceived
from ttdn.notifications.models import Notification, ReminderRule
from ttdn.notifications.rules import Audience, Directory, Occasion, Trigger, due_window, overdue_before

AUDIENCES = frozenset({Audience.ASSIGNEE, Audience.RESPONSIBLE_OFFICER})


def _occasions(gifts: QuerySet[GiftReceived]) -> list[Occasion]:
    rows = gifts.filter(above_threshold=True, handed_in_on__isnull=True, hand_in_due__isnull=False).values(
        "pk", "case_id", "description", "hand_in_due", "recipient_user_id", "case__responsible_officer_id"
    )
    return [
        Occasion(
            key=f"{row['pk']}:{row['hand_in_due']:%Y-%m-%d}",
            case_id=row["case_id"],
            params={"date": f"{row['hand_in_due']:%Y-%m-%d}", "title": row["description"], "gift": row["pk"]},
            people={
                Audience.ASSIGNEE: frozenset({row["recipient_user_id"]} if row["recipient_user_id"] else ()),
                Audience.RESPONSIBLE_OFFICER: frozenset(
                    {row["case__responsible_officer_id"]} if row["case__responsible_officer_id"] else ()
                ),
            },
        )
        for row in rows
    ]


def _find_due(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    first, last = due_window(rule, today)
    return _occasions(GiftReceived.objects.filter(hand_in_due__range=(first, last)))


def _find_overdue(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    return _occasions(GiftReceived.objects.filter(hand_in_due__lt=overdue_before(rule, today)))


def _render_due(notification: Notification) -> str:
    return _(
        "A gift received on %(reference)s (%(title)s) must be declared and handed in by %(date)s."
    ) % _params(notification)


def _render_overdue(notification: Notification) -> str:
    return _(
        "A gift received on %(reference)s (%(title)s) was to be declared and handed in by %(date)s: it is overdue."
    ) % _params(notification)


def _params(notification: Notification) -> dict[str, str]:
    day = notification.params.get("date")
    return {
        "reference": notification.case.reference if notification.case else "",
        "title": notification.params.get("title", ""),
        "date": datetime.date.fromisoformat(day).strftime("%d/%m/%Y") if day else "",
    }


GIFT_HAND_IN_DUE = Trigger(
    "gift_hand_in_due", gettext_lazy("A gift received is to be handed in"), _find_due, _render_due, AUDIENCES
)
GIFT_HAND_IN_OVERDUE = Trigger(
    "gift_hand_in_overdue",
    gettext_lazy("A gift received is overdue to be handed in"),
    _find_overdue,
    _render_overdue,
    AUDIENCES,
    overdue=True,
)

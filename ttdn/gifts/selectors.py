"""Reads of the gifts register, through the one selector of the cases a user may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ttdn.cases.selectors import cases_visible_to
from ttdn.gifts.models import GiftGiven, GiftReceived


def gifts_given_visible_to(user: Any) -> QuerySet[GiftGiven]:
    return GiftGiven.objects.filter(case__in=cases_visible_to(user).values("pk")).select_related(
        "case", "participant__person", "budget_line"
    )


def gifts_received_visible_to(user: Any) -> QuerySet[GiftReceived]:
    return GiftReceived.objects.filter(case__in=cases_visible_to(user).values("pk")).select_related(
        "case", "from_participant__person", "from_organisation", "recipient_user"
    )


@dataclass(frozen=True)
class GiftStatus:
    code: str  # under_threshold, to_declare, overdue, handed_in
    label: str


def received_status(gift: GiftReceived, today: datetime.date) -> GiftStatus:
    """Where a gift received stands: under the threshold, to declare by its date, overdue, handed in."""
    if gift.handed_in_on is not None:
        return GiftStatus("handed_in", _("Handed in on %(date)s") % {"date": f"{gift.handed_in_on:%d/%m/%Y}"})
    if not gift.above_threshold:
        return GiftStatus("under_threshold", _("Under the threshold"))
    if gift.hand_in_due is None:  # the admins removed the hand-in timer
        return GiftStatus("to_declare", _("To declare and hand in"))
    due = f"{gift.hand_in_due:%d/%m/%Y}"
    if gift.hand_in_due < today:
        return GiftStatus("overdue", _("Overdue: due on %(date)s") % {"date": due})
    return GiftStatus("to_declare", _("To declare and hand in by %(date)s") % {"date": due})

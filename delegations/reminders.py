"""International agreements coming to their end."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delegations.models import Agreement
from ttdn.notifications.models import Notification, ReminderRule
from ttdn.notifications.rules import Directory, Occasion, Trigger, due_window


def _find_agreements(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    first, last = due_window(rule, today)
    return [
        Occasion(
            key=f"{row['pk']}:{row['valid_until']:%Y-%m-%d}",
            case_id=None,
            params={
                "date": f"{row['valid_until']:%Y-%m-%d}",
                "title": row["title"],
                "partner": row["partner__name"],
            },
        )
        for row in Agreement.objects.filter(valid_until__range=(first, last)).values(
            "pk", "valid_until", "title", "partner__name"
        )
    ]


def _render_agreement(notification: Notification) -> str:
    ends = notification.params.get("date")
    return _("The agreement “%(title)s” with %(partner)s ends on %(date)s.") % {
        "title": notification.params.get("title", ""),
        "partner": notification.params.get("partner", ""),
        "date": datetime.date.fromisoformat(ends).strftime("%d/%m/%Y") if ends else "",
    }


AGREEMENT_EXPIRY = Trigger(
    "agreement_expiry", gettext_lazy("An agreement ends"), _find_agreements, _render_agreement, frozenset()
)

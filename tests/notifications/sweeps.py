"""What the reminder tests share: sweep on some days (twice each: nothing is said twice), and
what was sent of a kind, as (recipient's user name, key) pairs."""

from __future__ import annotations

import datetime

from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep


def sent(kind: str) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", "key"))


def sweep_on(*days: datetime.date) -> None:
    for day in days:
        reminders_sweep(today=day)
        reminders_sweep(today=day)  # twice: nothing is said twice

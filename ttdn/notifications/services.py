"""Notifications: created once per (kind, key, recipient), whatever calls for them twice."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.notifications.delivery import enqueue_pending
from ttdn.notifications.models import Notification


def notify(
    *,
    recipients: Iterable[User | None],
    kind: str,
    key: str,
    case: Any = None,
    params: dict[str, Any] | None = None,
) -> int:
    """Create the notifications that do not exist yet; return how many were new."""
    rows = [
        Notification(recipient=user, kind=kind, key=key, case=case, params=params or {})
        for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values()
    ]
    before = Notification.objects.filter(kind=kind, key=key).count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    created = Notification.objects.filter(kind=kind, key=key).count() - before
    if created:
        # Their e-mails, once committed (and on the next sweep, should the broker be down).
        new = list(
            Notification.objects.filter(kind=kind, key=key, queued_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
        transaction.on_commit(partial(enqueue_pending, new))
    return created


@transaction.atomic
def notification_mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when no ids are given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())

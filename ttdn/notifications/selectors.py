from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from ttdn.accounts.models import User
from ttdn.cases.selectors import cases_visible_to
from ttdn.notifications.models import Notification


def notifications_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Notification]:
    """The user's own notifications, about cases they may still see (access can be withdrawn)."""
    if not isinstance(user, User):
        return Notification.objects.none()
    own = Notification.objects.filter(recipient=user)
    return own.filter(case__isnull=True) | own.filter(case__in=cases_visible_to(user))


def unread_count(user: AbstractBaseUser | AnonymousUser) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()

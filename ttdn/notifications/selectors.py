from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from ttdn.accounts.models import User
from ttdn.cases.selectors import of_visible_cases
from ttdn.notifications.models import Notification


def notifications_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Notification]:
    """The user's own notifications, about cases they may still see (access can be withdrawn)."""
    if not isinstance(user, User):
        return Notification.objects.none()
    return Notification.objects.filter(Q(case__isnull=True) | of_visible_cases(user), recipient=user)


def unread_count(user: AbstractBaseUser | AnonymousUser) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()

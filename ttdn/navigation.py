"""The navigation bar: each role sees the pages it may use, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, roles_of
from ttdn.accounts.two_factor import two_factor_pending


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # None: every signed-in user; otherwise the roles that see the item.
    roles: frozenset[Role] | None = None
    # Or the rule of the policy for the page itself: the item shows where the page opens.
    allowed: Callable[[User], bool] | None = None
    staff_only: bool = False
    # A number shown beside the label (unread notifications, reviews waiting), or None.
    count: Callable[[AbstractBaseUser], int] | None = None


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "home"),
    NavItem(_("Cases"), "cases:list"),
    NavItem(_("Calendar"), "cases:calendar"),
]
_TRAILING = [NavItem(_("Administration"), "admin:index", staff_only=True)]


def register(item: NavItem, *, trailing: bool = False) -> None:
    """Add an app's page to the bar (from its AppConfig.ready); trailing ones go at the end."""
    items = _TRAILING if trailing else NAV_ITEMS
    if item not in items:
        items.insert(0, item) if trailing else items.append(item)


def navigation(request: HttpRequest) -> dict[str, object]:
    site = {"PROVINCE_NAME": settings.TTDN_PROVINCE_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {**site, "nav_items": []}
    if two_factor_pending(user, request):
        return {**site, "nav_items": [], "two_factor_pending": True}
    roles = roles_of(user)
    shown: list[tuple[NavItem, str]] = []
    for item in [*NAV_ITEMS, *_TRAILING]:
        if item.staff_only and not user.is_staff:
            continue
        if item.roles is not None and roles.isdisjoint(item.roles):
            continue
        if item.allowed is not None and not (isinstance(user, User) and item.allowed(user)):
            continue
        shown.append((item, reverse(item.url_name)))
    # The page's item: the one whose address is the longest start of the page's (the weekly
    # schedule under /reports/week/ is not the reports page).
    within = [
        url
        for _item, url in shown
        if (request.path == url if url in ("/", "/cases/") else request.path.startswith(url))
    ]
    current = max(within, key=len) if within else None
    items = [
        {
            "label": item.label,
            "url": url,
            "active": url == current,
            "count": item.count(user) if item.count is not None else 0,
        }
        for item, url in shown
    ]
    return {**site, "nav_items": items, "user_roles": sorted(roles)}

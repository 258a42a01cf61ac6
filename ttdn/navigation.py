"""The navigation bar: each role sees the pages it may use, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.roles import Role, roles_of


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # None: every signed-in user; otherwise the roles that see the item.
    roles: frozenset[Role] | None = None
    staff_only: bool = False


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "home"),
    NavItem(_("Cases"), "cases:list"),
    NavItem(_("Calendar"), "cases:calendar"),
]
_TRAILING = [NavItem(_("Administration"), "admin:index", staff_only=True)]


def register(item: NavItem) -> None:
    """Add an app's page to the bar (from its AppConfig.ready), before Administration."""
    if item not in NAV_ITEMS:
        NAV_ITEMS.append(item)


def navigation(request: HttpRequest) -> dict[str, object]:
    site = {"PROVINCE_NAME": settings.TTDN_PROVINCE_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {**site, "nav_items": []}
    roles = roles_of(user)
    items = []
    for item in [*NAV_ITEMS, *_TRAILING]:
        if item.staff_only and not user.is_staff:
            continue
        if item.roles is not None and roles.isdisjoint(item.roles):
            continue
        url = reverse(item.url_name)
        active = request.path == url if url in ("/", "/cases/") else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return {**site, "nav_items": items, "user_roles": sorted(roles)}

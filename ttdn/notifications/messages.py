"""How each kind of notification reads: registered by the apps that create them."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from ttdn.notifications.models import Notification

Renderer = Callable[[Notification], str]
_renderers: dict[str, Renderer] = {}


def register(kind: str, renderer: Renderer) -> None:
    _renderers[kind] = renderer


def render(notification: Notification) -> str:
    renderer = _renderers.get(notification.kind)
    if renderer is None:
        return _("Notification about %(reference)s") % {
            "reference": notification.case.reference if notification.case else "—"
        }
    return renderer(notification)

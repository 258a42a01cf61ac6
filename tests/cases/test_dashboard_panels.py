"""The home page shows the panels other core apps register, only where they give the user something."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases import dashboard_panels

pytestmark = pytest.mark.django_db


def test_a_panel_shows_only_for_the_users_it_gives_a_context(
    make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard_panels, "_registry", [])
    seen: list[tuple[int, datetime.date]] = []

    def context(user: User, today: datetime.date) -> dict[str, object] | None:
        seen.append((user.pk, today))
        return {"name": user.username} if user.username == "wanted" else None

    dashboard_panels.register(dashboard_panels.DashboardPanel("x.html", context))
    dashboard_panels.register(dashboard_panels.DashboardPanel("x.html", context))  # once only
    wanted, other = make_user(Role.AGENCY, username="wanted"), make_user(Role.AGENCY)
    today = datetime.date(2026, 3, 1)
    shown = dashboard_panels.dashboard_panels_for(user=wanted, today=today)
    assert shown == [dashboard_panels.ShownDashboardPanel("x.html", {"name": "wanted"})]
    assert dashboard_panels.dashboard_panels_for(user=other, today=today) == []
    assert seen == [(wanted.pk, today), (other.pk, today)]

"""The data migrations that start the history of the configuration: one row per record, with its
memberships, so that the first change shows what it changed from."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from ttdn.accounts.history_migrations import HISTORY_STARTS, start_history
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_history_starts_with_each_records_values_and_memberships(make_user) -> None:
    user = make_user(Role.LEADER)
    User.history.all().delete()
    Agency.history.all().delete()  # as before the history was added

    start_history(apps, "accounts", ["Agency", "User"], {"User": ["groups", "user_permissions"]})

    (row,) = user.history.all()
    assert (row.history_type, row.history_change_reason, row.history_user) == ("~", HISTORY_STARTS, None)
    assert (row.username, row.agency) == (user.username, user.agency)
    assert set(row.groups.values_list("group__name", flat=True)) == {"leader", user.agency.group.name}
    assert Agency.history.get().code == user.agency.code


def test_the_admin_shows_the_reason_the_history_starts_in_vietnamese(client, make_user) -> None:
    admin = make_user(Role.ADMIN, is_staff=True, is_superuser=True)
    Agency.history.all().delete()
    start_history(apps, "accounts", ["Agency"])
    client.force_login(admin)

    body = client.get(reverse("admin:accounts_agency_history", args=[admin.agency.pk])).content.decode()

    assert "bắt đầu ghi lịch sử" in body
    assert "Lý do thay đổi" in body
    assert HISTORY_STARTS not in body
    assert "revert" not in body  # to read, never to restore

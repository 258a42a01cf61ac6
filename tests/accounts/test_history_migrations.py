"""The data migrations that start the history of the configuration: one row per record, with its
memberships, so that the first change shows what it changed from."""

from __future__ import annotations

import pytest
from django.apps import apps

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

"""The reminder rules in the admin: each change is kept with who made it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ttdn.accounts.roles import Role
from ttdn.notifications.models import ReminderRule

pytestmark = pytest.mark.django_db


def test_a_reminder_rule_changed_in_the_admin_keeps_who_changed_it(client: Client, make_user) -> None:
    admin_user = make_user(Role.ADMIN, is_staff=True, full_name="Quản Trị Viên")
    rule = ReminderRule.objects.get(code="arrival-7")
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:notifications_reminderrule_change", args=[rule.pk]),
        {"code": rule.code, "name": rule.name, "trigger": "arrival", "offset": "14", "day_kind": "calendar",
         "audiences": ["responsible_officer"]},
    )  # fmt: skip

    assert response.status_code == 302
    record = rule.history.latest()
    assert record.history_user == admin_user
    previous = record.prev_record
    assert previous is not None and (previous.offset, previous.enabled) == (7, True)
    changed = {change.field for change in record.diff_against(previous).changes}
    assert {"offset", "enabled"} <= changed  # 7 to 14 days, and turned off
    page = client.get(reverse("admin:notifications_reminderrule_history", args=[rule.pk]))
    assert page.status_code == 200
    assert admin_user.full_name in page.content.decode()

"""The admins' settings of the cases (deadline timers, calendar days, retention periods): each
change is kept with who made it, and the admin shows that history."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from ttdn.accounts.roles import Role
from ttdn.cases.models import CalendarDay, RetentionPeriod, Timer

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMIN, is_staff=True, full_name="Quản Trị Viên")


def _changed(record) -> dict[str, tuple[object, object]]:
    previous = record.prev_record
    assert previous is not None, "the history starts with the values before the first change"
    return {change.field: (change.old, change.new) for change in record.diff_against(previous).changes}


def _history_page_names(client: Client, admin_user, url_name: str, pk: int) -> None:
    page = client.get(reverse(url_name, args=[pk]))
    assert page.status_code == 200
    assert admin_user.full_name in page.content.decode()


def test_a_timer_changed_in_the_admin_keeps_who_changed_it(client: Client, admin_user) -> None:
    timer = Timer.objects.get(code="police_review")
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:cases_timer_change", args=[timer.pk]),
        {
            "name": timer.name,
            "working_days": "5",
            "unit": timer.unit,
            "anchor": timer.anchor,
            "legal_basis": "QĐ 12/2026",
        },
    )

    assert response.status_code == 302
    record = timer.history.latest()
    assert record.history_user == admin_user
    assert _changed(record) == {"working_days": (2, 5), "legal_basis": (timer.legal_basis, "QĐ 12/2026")}
    _history_page_names(client, admin_user, "admin:cases_timer_history", timer.pk)


def test_calendar_days_added_changed_and_removed_in_the_admin_keep_who_did_it(
    client: Client, admin_user
) -> None:
    client.force_login(admin_user)

    added = client.post(
        reverse("admin:cases_calendarday_add"),
        {"date": "02/01/2027", "kind": "day_off", "note": "Nghỉ bù Tết Dương lịch"},
    )
    assert added.status_code == 302
    day = CalendarDay.objects.get(date=datetime.date(2027, 1, 2))
    client.post(
        reverse("admin:cases_calendarday_change", args=[day.pk]),
        {"date": "02/01/2027", "kind": "working_day", "note": "Làm bù"},
    )
    _history_page_names(client, admin_user, "admin:cases_calendarday_history", day.pk)
    client.post(reverse("admin:cases_calendarday_delete", args=[day.pk]), {"post": "yes"})

    rows = CalendarDay.history.filter(id=day.pk).order_by("history_id")
    assert [(row.history_type, row.kind, row.history_user) for row in rows] == [
        ("+", "day_off", admin_user),
        ("~", "working_day", admin_user),
        ("-", "working_day", admin_user),
    ]


def test_a_retention_period_changed_in_the_admin_keeps_who_changed_it(client: Client, admin_user) -> None:
    period = RetentionPeriod.objects.get(kind="press")
    client.force_login(admin_user)

    client.post(
        reverse("admin:cases_retentionperiod_change", args=[period.pk]), {"years": "3", "legal_basis": ""}
    )

    record = period.history.latest()
    assert (record.years, record.history_user) == (3, admin_user)
    assert _changed(record) == {"years": (2, 3)}
    _history_page_names(client, admin_user, "admin:cases_retentionperiod_history", period.pk)

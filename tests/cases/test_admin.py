from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_delegation
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db

ADMIN_LISTS = [
    "admin:cases_case_changelist",
    "admin:cases_organisation_changelist",
    "admin:cases_person_changelist",
    "admin:cases_participant_changelist",
    "admin:cases_programmeitem_changelist",
    "admin:cases_attachment_changelist",
    "admin:delegations_delegation_changelist",
    "admin:delegations_agreement_changelist",
    "admin:cases_referencecounter_changelist",
    "admin:cases_review_changelist",
    "admin:cases_followup_changelist",
    "admin:cases_secrecymark_changelist",
    "admin:cases_timer_changelist",
    "admin:cases_calendarday_changelist",
    "admin:notifications_notification_changelist",
    "admin:notifications_reminderrule_changelist",
    "admin:cases_postvisitreport_changelist",
    "admin:cases_retentionperiod_changelist",
]


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMIN, is_staff=True)


@pytest.mark.parametrize("url_name", ADMIN_LISTS)
def test_every_case_model_has_an_admin_list_with_search(
    client: Client, admin_user, protocol, url_name
) -> None:
    make_delegation(actor=protocol, participants=1, programme=1)
    client.force_login(admin_user)

    response = client.get(reverse(url_name), {"q": "a"})

    assert response.status_code == 200


def test_case_admin_shows_history_and_hides_restricted_cases(client: Client, admin_user, protocol) -> None:
    normal = make_delegation(actor=protocol)
    restricted = make_delegation(actor=protocol, access_level="restricted")
    client.force_login(admin_user)

    listed = set(client.get(reverse("admin:cases_case_changelist")).context["cl"].result_list)
    history = client.get(reverse("admin:cases_case_history", args=[normal.pk]))

    assert listed == {normal}
    assert history.status_code == 200
    assert client.get(reverse("admin:cases_case_change", args=[restricted.pk])).status_code == 302


def test_an_admin_changes_a_reminder_rule_and_the_sweep_follows_it(
    client: Client, admin_user, protocol
) -> None:
    import datetime

    from ttdn.notifications.models import Notification, ReminderRule
    from ttdn.notifications.sweep import reminders_sweep

    rule = ReminderRule.objects.get(code="arrival-7")
    ReminderRule.objects.filter(trigger="arrival").exclude(pk=rule.pk).update(enabled=False)
    make_delegation(actor=protocol, start=datetime.date(2026, 12, 10))
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:notifications_reminderrule_change", args=[rule.pk]),
        {
            "code": rule.code,
            "name": "Đoàn đến sau 14 ngày",
            "trigger": "arrival",
            "enabled": "on",
            "offset": "14",
            "day_kind": "calendar",
            "audiences": ["responsible_officer"],
        },
    )

    assert response.status_code == 302
    reminders_sweep(today=datetime.date(2026, 11, 30))  # ten days ahead: only the 14-day rule sees it
    assert list(Notification.objects.filter(kind="arrival").values_list("recipient", flat=True)) == [
        protocol.pk
    ]


def test_an_admin_finds_a_person_by_a_whole_passport_number(client: Client, admin_user, protocol) -> None:
    from ttdn.cases.models import Person

    make_delegation(actor=protocol, participants=2)
    person = Person.objects.order_by("pk")[0]
    client.force_login(admin_user)

    found = client.get(reverse("admin:cases_person_changelist"), {"q": person.passport_number.lower()})

    assert list(found.context["cl"].result_list) == [person]


def test_an_admin_changes_a_retention_period(client: Client, admin_user) -> None:
    from ttdn.cases.models import RetentionPeriod

    period = RetentionPeriod.objects.get(kind="press")
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:cases_retentionperiod_change", args=[period.pk]), {"years": "3", "legal_basis": ""}
    )

    assert response.status_code == 302
    period.refresh_from_db()
    assert period.years == 3


def test_case_admin_names_the_kind_of_case_in_words(client: Client, admin_user, protocol) -> None:
    case = make_delegation(actor=protocol)
    client.force_login(admin_user)

    listing = client.get(reverse("admin:cases_case_changelist")).content.decode()
    filtered = client.get(reverse("admin:cases_case_changelist"), {"kind": "press"}).context["cl"].result_list
    change = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()

    assert '<td class="field-kind_label">Đoàn ra, đoàn vào</td>' in listing
    assert ">Đoàn phóng viên</a>" in listing  # the filter's choice, by name
    assert ">delegation<" not in listing
    assert list(filtered) == []
    assert "Đoàn ra, đoàn vào" in change

"""The REST API: the same users, roles and access policy as the pages (the first resources)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import TEST_PASSWORD, approve, make_agency, make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, FollowUp
from ttdn.cases.services.followups import followup_close, followup_create
from ttdn.notifications.models import Notification
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures

pytestmark = pytest.mark.django_db


def test_a_token_for_a_name_and_password_then_requests_with_it(api, protocol) -> None:
    response = api.post(
        f"{API}/auth/token/", {"username": protocol.username, "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]

    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get(f"{API}/agencies/").status_code == 200

    wrong = APIClient().post(
        f"{API}/auth/token/", {"username": protocol.username, "password": "x"}, format="json"
    )
    assert wrong.status_code == 400
    assert "non_field_errors" in wrong.json()


def test_no_token_or_no_role_gets_nothing(api, make_user) -> None:
    assert api.get(f"{API}/agencies/").status_code in (401, 403)
    assert _as(api, make_user()).get(f"{API}/follow-ups/").status_code == 403


def test_agencies_are_listed_by_code_with_their_kind(api, protocol) -> None:
    make_agency(code="so-ngoai-vu", name_vi="Sở Ngoại vụ", kind="department")
    rows = _as(api, protocol).get(f"{API}/agencies/").json()["results"]
    assert {"code": "so-ngoai-vu", "name": "Sở Ngoại vụ", "kind": "department"} in rows


@pytest.fixture
def followup(protocol):
    host = make_agency()
    case = make_delegation(actor=protocol, lead_agency=host)
    return followup_create(
        actor=protocol, case=case, title="Gửi thư", due_date=datetime.date(2026, 12, 1), assignee_agency=host
    )


def test_follow_ups_list_opens_and_closes_as_on_the_pages(api, make_user, followup) -> None:
    staff = make_user(Role.AGENCY, agency=followup.assignee_agency)
    client = _as(api, staff)

    assert [row["id"] for row in client.get(f"{API}/follow-ups/").json()["results"]] == [followup.pk]
    bad = client.post(f"{API}/follow-ups/{followup.pk}/close/", {"status": "finished"}, format="json")
    assert bad.status_code == 400
    assert "status" in bad.json()
    refused = client.post(f"{API}/follow-ups/{followup.pk}/close/", {"status": "done"}, format="json")
    assert refused.status_code == 409  # the result is required, as on the page
    assert FollowUp.objects.get(pk=followup.pk).status == "open"

    done = client.post(
        f"{API}/follow-ups/{followup.pk}/close/", {"status": "done", "result": "Đã gửi"}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["status"] == "done"


def test_follow_ups_are_filtered_by_status_on_the_cases_one_may_see(
    api, make_user, followup, protocol
) -> None:
    staff = make_user(Role.AGENCY, agency=followup.assignee_agency)
    client = _as(api, staff)
    followup_close(actor=staff, followup=followup, status=FollowUp.Status.DONE, result="Đã gửi")
    still_open = followup_create(actor=protocol, case=followup.case, title="Gọi điện",
                                 due_date=datetime.date(2026, 12, 2), assignee_agency=followup.assignee_agency)  # fmt: skip

    def ids(**query: str) -> list[int]:
        return [row["id"] for row in client.get(f"{API}/follow-ups/", query).json()["results"]]

    assert ids() == [followup.pk, still_open.pk]
    assert ids(status="open") == [still_open.pk]
    assert ids(status="done") == [followup.pk]
    assert (
        _as(api, make_user(Role.AGENCY)).get(f"{API}/follow-ups/", {"status": "open"}).json()["results"] == []
    )
    refused = client.get(f"{API}/follow-ups/", {"status": "finished"})
    assert refused.status_code == 400
    assert "status" in refused.json()


def test_a_follow_up_of_a_case_one_may_not_see_is_not_found(api, make_user, followup) -> None:
    outsider = _as(api, make_user(Role.AGENCY))
    assert outsider.get(f"{API}/follow-ups/").json()["results"] == []
    assert outsider.get(f"{API}/follow-ups/{followup.pk}/").status_code == 404
    assert outsider.post(f"{API}/follow-ups/{followup.pk}/close/", {"status": "done", "result": "x"},
                         format="json").status_code == 404  # fmt: skip


def test_notifications_are_the_users_own_and_are_marked_read(api, make_user, protocol) -> None:
    other = make_user(Role.PROTOCOL)
    mine = Notification.objects.create(recipient=protocol, kind="x", key="1")
    theirs = Notification.objects.create(recipient=other, kind="x", key="1")
    client = _as(api, protocol)

    assert [row["id"] for row in client.get(f"{API}/notifications/").json()["results"]] == [mine.pk]
    assert client.post(f"{API}/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post(f"{API}/notifications/{mine.pk}/read/").json()["read"] is True
    assert client.post(f"{API}/notifications/read-all/").status_code == 204
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_the_report_is_the_commands_json_for_what_the_user_may_see(api, make_user, protocol) -> None:
    host = make_agency()
    approve(make_delegation(actor=protocol, lead_agency=host, start=datetime.date(2026, 8, 3)))
    approve(make_delegation(actor=protocol, start=datetime.date(2026, 8, 10)))
    staff = make_user(Role.AGENCY, agency=host)

    response = _as(api, staff).get(f"{API}/reports/", {"year": 2026, "quarter": 3})
    assert response.status_code == 200
    assert response.json() == report_figures(staff, Period.of_quarter(2026, 3))
    assert response.json()["inbound_delegations"] == 1
    assert (
        _as(api, protocol).get(f"{API}/reports/", {"year": 2026, "quarter": 3}).json()["inbound_delegations"]
        == 2
    )

    bad = _as(api, protocol).get(f"{API}/reports/", {"start": "2026-09-01"})
    assert bad.status_code == 400


def test_transitions_answer_409_with_the_reason_and_404_when_hidden(api, make_user, protocol) -> None:
    case = make_delegation(actor=protocol)
    client = _as(api, protocol)

    refused = client.post(f"{API}/cases/{case.pk}/approve/", {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["detail"]
    moved = client.post(f"{API}/cases/{case.pk}/submit/", {}, format="json")
    assert moved.json() == {"id": case.pk, "reference": case.reference, "status": "submitted"}

    assert _as(APIClient(), make_user(Role.AGENCY)).post(f"{API}/cases/{case.pk}/cancel/", {"reason": "x"},
                                                         format="json").status_code == 404  # fmt: skip
    assert client.post(f"{API}/cases/{case.pk}/fly/", {}, format="json").status_code == 404
    assert Case.objects.get(pk=case.pk).status == "submitted"


def test_the_schema_and_its_pages_come_from_packages(client) -> None:
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/follow-ups/{id}/close/" in schema.json()["paths"]
    docs = client.get(reverse("api:docs")).content.decode()
    assert "cdn" not in docs.lower()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", docs)  # no inline script


def test_an_admin_revokes_a_users_tokens_in_one_action(client, make_user, protocol) -> None:
    Token.objects.create(user=protocol)
    client.force_login(make_user(Role.ADMIN, is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "revoke_api_tokens", "_selected_action": [protocol.pk]},
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=protocol).exists()

"""``GET /api/v1/cases/{id}/events/``: the case's timeline under the case page's rules."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_agency, make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog
from ttdn.cases.services.workflow import case_transition

pytestmark = pytest.mark.django_db
REASON = "Chương trình trùng lịch tiếp khách của tỉnh. " * 30  # 1,350 characters, kept whole


def _events(user, pk: int) -> tuple[int, Any]:
    response = _as(APIClient(), user).get(f"{API}/cases/{pk}/events/")
    return response.status_code, response.json()


def test_who_may_not_see_the_case_gets_404_and_nothing(protocol, make_user) -> None:
    hidden = make_delegation(actor=protocol, access_level="restricted", lead_agency=make_agency())
    other = make_delegation(actor=protocol, lead_agency=make_agency())
    outsider = make_user(Role.AGENCY, agency=make_agency())
    colleague = make_user(Role.PROTOCOL)  # not on the restricted case's need-to-know list

    for user, pk in [(outsider, hidden.pk), (outsider, other.pk), (colleague, hidden.pk), (protocol, 999999)]:
        status, body = _events(user, pk)
        assert (status, body) == (404, {"detail": body["detail"]})  # as for a case that does not exist
    assert not AccessLog.objects.exists()
    assert APIClient().get(f"{API}/cases/{other.pk}/events/").status_code in (401, 403)


def test_who_may_see_the_case_gets_its_events_with_codes_labels_actor_time_and_text(
    protocol, leader, make_user
) -> None:
    host = make_agency()
    case = make_delegation(actor=protocol, lead_agency=host)
    case_transition(actor=protocol, case=case, name="submit")
    case_transition(actor=leader, case=case, name="reject", reason=REASON)
    staff = make_user(Role.AGENCY, agency=host)

    status, body = _events(staff, case.pk)

    assert status == 200
    assert [entry["code"] for entry in body if not entry["code"].startswith("record.")] == [
        "review.withdrawn", "case.reject", "review.referred", "case.submit", "case.created",
    ]  # fmt: skip
    rejected = next(entry for entry in body if entry["code"] == "case.reject")
    assert rejected["label"] == "không phê duyệt"
    assert rejected["actor"] == {"username": leader.username, "name": str(leader)}
    assert rejected["text"] == REASON.strip()
    assert rejected["data"] == {"from": "submitted", "to": "rejected"}
    assert rejected["at"] == case.events.get(code="case.reject").at.isoformat()
    assert body[-1]["code"] == "case.created"
    assert not any(entry["code"].startswith("access.") for entry in body)  # the access log: protocol only
    changed = [entry for entry in body if entry["code"] == "record.changed"]
    assert all({"field", "old", "new"} <= change.keys() for entry in changed for change in entry["changes"])


def test_identity_data_is_masked_and_restricted_reads_are_logged(protocol, make_user) -> None:
    case = make_delegation(actor=protocol, access_level="restricted")
    passport = case.participants.get().person.passport_number
    officer = make_user(Role.LEADER)
    from ttdn.cases.services.access import case_grant_access

    case_grant_access(actor=protocol, case=case, users=[officer], agencies=[])

    status, body = _events(officer, case.pk)

    assert status == 200 and body
    assert passport not in str(body)
    assert any(entry["code"] == "access.view_restricted" for entry in _events(protocol, case.pk)[1])
    logged = AccessLog.objects.filter(case=case, action=AccessLog.Action.VIEW_RESTRICTED)
    assert sorted(logged.values_list("user__username", "detail")) == sorted(
        [(officer.username, "api events"), (protocol.username, "api events")]
    )

"""The gifts in the API: the same selector and policy as the pages. A case the user may not see:
404; police and host staff who see it: 403; leaders read, only protocol writes."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.client import API, _as
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db
PEARLS = {"from_text": "Mayor", "recipient_name": "Vice-chairman", "description": "Pearls",
          "estimated_value": 100_000, "received_on": "2026-03-02"}  # fmt: skip


def _urls(case) -> list[str]:
    given, received = case.gifts_given.get(), case.gifts_received.get()
    base = f"{API}/cases/{case.pk}"
    return [
        f"{base}/gifts-given/", f"{base}/gifts-given/{given.pk}/",
        f"{base}/gifts-received/", f"{base}/gifts-received/{received.pk}/",
    ]  # fmt: skip


def test_protocol_reads_and_writes_the_gifts(case, protocol) -> None:
    api = _as(APIClient(), protocol)
    listed = api.get(f"{API}/cases/{case.pk}/gifts-received/").json()
    assert [gift["description"] for gift in listed] == ["Porcelain vase"]
    assert listed[0]["status"] == "overdue" and listed[0]["hand_in_due"] == "2026-03-09"
    created = api.post(f"{API}/cases/{case.pk}/gifts-received/", PEARLS, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "under_threshold"
    gift = created.json()["id"]
    changed = api.patch(
        f"{API}/cases/{case.pk}/gifts-received/{gift}/", {"estimated_value": 900_000}, format="json"
    )
    assert changed.json()["hand_in_due"] == "2026-03-09"
    handed = api.post(
        f"{API}/cases/{case.pk}/gifts-received/{gift}/hand-in/",
        {
            "declared_on": "2026-03-03",
            "handed_in_on": "2026-03-03",
            "handed_to": "Finance unit",
            "decision": "sold",
        },
        format="json",
    )
    assert handed.status_code == 200 and handed.json()["status"] == "handed_in"
    given = api.patch(
        f"{API}/cases/{case.pk}/gifts-given/{case.gifts_given.get().pk}/", {"quantity": 3}, format="json"
    )
    assert given.json()["quantity"] == 3


def test_bad_input_is_a_400_and_nothing_is_saved(case, protocol) -> None:
    api = _as(APIClient(), protocol)
    other = case.participants.model.objects.exclude(case=case).first()
    response = api.post(
        f"{API}/cases/{case.pk}/gifts-given/",
        {"description": "Book", "value": 10, "approved_by": "Chief", "given_on": "2026-03-02",
         "participant": other.pk if other else 0},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    response = api.post(
        f"{API}/cases/{case.pk}/gifts-given/",
        {"description": "Book", "value": 10, "approved_by": "Chief", "given_on": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 400 and {"recipient_text", "budget_line_text"} <= set(response.json())
    assert case.gifts_given.count() == 1


def test_who_may_not_see_the_case_gets_404_police_and_hosts_403(case, outsider, police, host) -> None:
    for url in _urls(case):
        assert _as(APIClient(), outsider).get(url).status_code == 404, url
        for user in (police, host[1]):
            assert _as(APIClient(), user).get(url).status_code == 403, url
            assert _as(APIClient(), user).patch(url, {}, format="json").status_code in (403, 405), url


def test_leaders_read_but_do_not_write(case, make_user) -> None:
    api = _as(APIClient(), make_user(Role.LEADER))
    assert api.get(f"{API}/cases/{case.pk}/gifts-given/").status_code == 200
    response = api.post(f"{API}/cases/{case.pk}/gifts-given/", {}, format="json")
    assert response.status_code == 403


def test_a_finished_cases_gift_is_handed_in_but_no_gift_added(case, protocol) -> None:
    from ttdn.cases.services.workflow import case_transition

    case_transition(actor=protocol, case=case, name="cancel", reason="Đối tác hoãn chuyến đi")
    api = _as(APIClient(), protocol)
    gift = case.gifts_received.get()
    handed = api.post(
        f"{API}/cases/{case.pk}/gifts-received/{gift.pk}/hand-in/",
        {"declared_on": "2026-03-03", "handed_in_on": "2026-03-03", "handed_to": "Finance unit",
         "decision": "kept"},
        format="json",
    )  # fmt: skip
    assert handed.status_code == 200 and handed.json()["status"] == "handed_in"
    added = api.post(f"{API}/cases/{case.pk}/gifts-received/", PEARLS, format="json")
    assert added.status_code == 409

"""The API's case endpoints: writes, lists by role, the police's reviews."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_agency, make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, FollowUp
from ttdn.notifications.models import Notification

pytestmark = pytest.mark.django_db

DELEGATION = {
    "title": "Đoàn tỉnh Gyeonggi thăm và làm việc",
    "direction": "inbound",
    "kind": "friendship_locality",
    "mode": "in_person",
    "countries": ["KR"],
    "counterpart": {"name": "Gyeonggi Province", "kind": "friendship_locality", "country": "KR"},
    "start_date": "2026-12-14",
    "end_date": "2026-12-16",
    "lead_agency": "so-ngoai-vu",
    "co_host_agencies": ["so-cong-thuong"],
    "participants": [
        {"full_name": "Kim Min-jun", "nationality": "KR", "passport_number": "M12345678", "role": "head"},
        {"full_name": "Lee Ji-eun", "nationality": "KR", "passport_number": "M23456789", "date_of_birth": "1985-04-02"},
    ],
    "programme": [
        {"start": "2026-12-14T08:30:00+07:00", "end": "2026-12-14T10:00:00+07:00", "place": "Trụ sở UBND tỉnh",
         "activity": "meeting", "notes": ""},
    ],
}  # fmt: skip


@pytest.fixture
def agencies() -> tuple:
    return make_agency(code="so-ngoai-vu"), make_agency(code="so-cong-thuong")


def test_protocol_creates_a_delegation_with_two_participants_and_submits_it(api, protocol, agencies) -> None:
    from tests.factories import ensure_police_agency

    ensure_police_agency()
    client = _as(api, protocol)

    created = client.post(f"{API}/delegations/", DELEGATION, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["reference"].startswith("DV-")
    assert body["kind"] == "friendship_locality"
    assert body["co_host_agencies"] == ["so-cong-thuong"]
    assert [p["passport_number"] for p in body["participants"]] == ["M12345678", "M23456789"]
    assert body["counterpart"] == {
        "name": "Gyeonggi Province",
        "kind": "friendship_locality",
        "country": "KR",
    }

    patched = client.patch(
        f"{API}/delegations/{body['id']}/", {"title": "Đoàn Gyeonggi (sửa)"}, format="json"
    )
    assert patched.status_code == 200
    assert patched.json()["title"] == "Đoàn Gyeonggi (sửa)"
    assert len(patched.json()["participants"]) == 2  # what the PATCH did not name stays

    submitted = client.post(f"{API}/cases/{body['id']}/submit/", {}, format="json")
    assert submitted.json()["status"] == "submitted"


def test_invalid_payloads_give_a_message_per_field_and_write_nothing(api, protocol, agencies) -> None:
    client = _as(api, protocol)
    bad = {**DELEGATION, "end_date": "2026-12-01", "lead_agency": "so-khong-co"}
    response = client.post(f"{API}/delegations/", bad, format="json")
    assert response.status_code == 400
    assert set(response.json()) <= {"end_date", "lead_agency"}
    missing = client.post(f"{API}/delegations/", {"title": ""}, format="json")
    assert missing.status_code == 400
    assert {"title", "direction", "start_date", "end_date", "lead_agency", "kind"} <= set(missing.json())
    assert not Case.objects.exists()


def test_the_lists_show_what_the_pages_show_with_identity_masked(api, make_user, protocol, agencies) -> None:
    host, other = agencies
    shown = make_delegation(
        actor=protocol, lead_agency=host, start=datetime.date(2026, 12, 1), countries=["JP"]
    )
    make_delegation(actor=protocol, lead_agency=other, start=datetime.date(2026, 12, 5), countries=["KR"])
    staff = make_user(Role.AGENCY, agency=host)

    rows = _as(api, staff).get(f"{API}/delegations/").json()["results"]
    assert [row["id"] for row in rows] == [shown.pk]
    assert rows[0]["participants"][0]["passport_number"].startswith("•••")
    assert rows[0]["participants"][0]["date_of_birth"] is None

    every = _as(APIClient(), protocol)
    assert [
        r["reference"] for r in every.get(f"{API}/delegations/", {"country": "KR"}).json()["results"]
    ] != []
    assert every.get(f"{API}/delegations/", {"country": "KR"}).json()["count"] == 1
    assert every.get(f"{API}/delegations/", {"start_after": "2026-12-03"}).json()["count"] == 1
    assert every.get(f"{API}/delegations/", {"start_after": "nope"}).status_code == 400
    assert _as(APIClient(), make_user(Role.AGENCY)).get(f"{API}/delegations/{shown.pk}/").status_code == 404


def test_only_protocol_staff_write_cases(api, leader, agencies) -> None:
    response = _as(api, leader).post(f"{API}/delegations/", DELEGATION, format="json")
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_press_visits_carry_their_own_fields(api, protocol) -> None:
    from tests.factories import make_press_visit

    visit = make_press_visit(actor=protocol)
    row = _as(api, protocol).get(f"{API}/press-visits/{visit.pk}/").json()
    assert (row["kind"], row["residency"], row["topics"]) == ("press", "non_resident", "Du lịch")
    assert row["coverage"] == []


ALL_CHECKED = {
    "materials_checked": True,
    "programme_avoids_restricted_areas": True,
    "hosts_briefed": True,
    "recording_restrictions_stated": True,
}


def test_the_police_decide_their_reviews_and_nobody_else_sees_them(api, make_user, protocol, leader) -> None:
    from tests.factories import police_officer

    case = make_delegation(actor=protocol)
    api_case = _as(api, protocol)
    api_case.post(f"{API}/cases/{case.pk}/submit/", {}, format="json")
    officer = police_officer()
    police = _as(APIClient(), officer)

    (review,) = police.get(f"{API}/reviews/").json()["results"]
    assert review["reference"] == case.reference
    assert _as(APIClient(), leader).get(f"{API}/reviews/").json()["results"] == []
    bad = police.post(f"{API}/reviews/{review['id']}/decide/", {"outcome": "maybe"}, format="json")
    assert bad.status_code == 400
    refused = police.post(
        f"{API}/reviews/{review['id']}/decide/", {"outcome": "cleared_with_conditions"}, format="json"
    )
    assert refused.status_code == 409  # conditions are required
    decided = police.post(
        f"{API}/reviews/{review['id']}/decide/",
        {
            "outcome": "cleared_with_conditions",
            "conditions": "Không quay phim.",
            "checklist": ALL_CHECKED,
        },
        format="json",
    )
    assert decided.status_code == 200
    assert decided.json()["status"] == "cleared_with_conditions"
    assert decided.json()["checklist"]["hosts_briefed"] is True
    assert Case.objects.get(pk=case.pk).status == "under_review"


DEMO_ROLES = ("protocol", "police", "agency", "leader", "admin")


@pytest.mark.parametrize("username", DEMO_ROLES)
def test_each_role_lists_and_opens_what_the_pages_show_and_no_more(demo_data, username) -> None:
    from ttdn.accounts.models import User
    from ttdn.cases.selectors import cases_visible_to, reviews_for_police

    user = User.objects.get(username=username)
    client = _as(APIClient(), user)
    visible = cases_visible_to(user)

    for resource, kind in (
        ("delegations", "delegation"),
        ("press-visits", "press"),
        ("conferences", "conference"),
    ):
        listed = {row["id"] for row in client.get(f"{API}/{resource}/").json()["results"]}
        assert listed == set(visible.filter(kind=kind).values_list("pk", flat=True)), resource
        for hidden in Case.objects.filter(kind=kind).exclude(pk__in=visible.values("pk")):
            assert client.get(f"{API}/{resource}/{hidden.pk}/").status_code == 404
            assert (
                client.post(f"{API}/cases/{hidden.pk}/cancel/", {"reason": "x"}, format="json").status_code
                == 404
            )

    follow_ups = {row["id"] for row in client.get(f"{API}/follow-ups/").json()["results"]}
    assert follow_ups == set(FollowUp.objects.filter(case__in=visible).values_list("pk", flat=True))
    reviews = {row["id"] for row in client.get(f"{API}/reviews/").json()["results"]}
    assert reviews == set(reviews_for_police(user).values_list("pk", flat=True))
    notifications = {row["id"] for row in client.get(f"{API}/notifications/").json()["results"]}
    assert all(Notification.objects.get(pk=pk).recipient == user for pk in notifications)

    payload = {**DELEGATION, "lead_agency": "vp-ubnd", "co_host_agencies": []}
    created = client.post(f"{API}/delegations/", payload, format="json")
    assert created.status_code == (201 if username == "protocol" else 403)


def test_a_patch_changes_only_what_it_names_and_keeps_the_police_clearance(
    api, protocol, leader, agencies
) -> None:
    from tests.factories import police_clear
    from ttdn.cases.models import ProgrammeItem

    case = make_delegation(actor=protocol, lead_agency=agencies[0], programme=1, participants=1)
    ProgrammeItem.objects.filter(case=case).update(hosts="Phó Chủ tịch UBND tỉnh", recording_planned=True)
    client = _as(api, protocol)
    client.post(f"{API}/cases/{case.pk}/submit/", {}, format="json")
    police_clear(Case.objects.get(pk=case.pk))
    _as(APIClient(), leader).post(f"{API}/cases/{case.pk}/approve/", {}, format="json")
    reviews_before = case.reviews.count()

    response = client.patch(f"{API}/delegations/{case.pk}/", {"title": "Tên mới"}, format="json")

    assert response.status_code == 200
    case.refresh_from_db()
    assert (case.title, case.status, case.reviews.count()) == ("Tên mới", "approved", reviews_before)
    item = case.programme_items.get()
    assert (item.hosts, item.recording_planned) == ("Phó Chủ tịch UBND tỉnh", True)


def test_a_patch_with_an_incomplete_nested_object_is_a_400(api, protocol, agencies) -> None:
    case = make_delegation(actor=protocol, lead_agency=agencies[0])
    client = _as(api, protocol)
    for body in ({"counterpart": {"name": "X"}}, {"participants": [{"nationality": "KR"}]},
                 {"programme": [{"place": "x"}]}):  # fmt: skip
        response = client.patch(f"{API}/delegations/{case.pk}/", body, format="json")
        assert response.status_code == 400, body
        assert set(response.json()) == set(body)


def test_viewing_a_restricted_case_through_the_api_is_logged(api, protocol) -> None:
    from ttdn.cases.models import AccessLog

    case = make_delegation(actor=protocol, access_level="restricted")
    client = _as(api, protocol)
    client.get(f"{API}/delegations/{case.pk}/")
    client.get(f"{API}/delegations/")
    assert (
        AccessLog.objects.filter(case=case, user=protocol, action=AccessLog.Action.VIEW_RESTRICTED).count()
        == 2
    )


def test_the_report_refuses_an_unbounded_period(api, protocol) -> None:
    client = _as(api, protocol)
    assert client.get(f"{API}/reports/", {"start": "0001-01-01", "end": "2026-01-01"}).status_code == 400
    assert client.get(f"{API}/reports/", {"start": "2020-01-01", "end": "2026-01-01"}).status_code == 400


def test_a_long_reason_is_kept_whole_and_a_too_long_one_refused(api, protocol) -> None:
    case = make_delegation(actor=protocol)
    client = _as(api, protocol)
    too_long = client.post(f"{API}/cases/{case.pk}/cancel/", {"reason": "x" * 2001}, format="json")
    assert too_long.status_code == 400 and "reason" in too_long.json()
    assert Case.objects.get(pk=case.pk).status == Case.Status.DRAFT

    response = client.post(f"{API}/cases/{case.pk}/cancel/", {"reason": "Lý do " * 300}, format="json")
    assert response.status_code == 200
    assert case.events.get(code="case.cancel").text == ("Lý do " * 300).strip()


def test_a_press_visit_needs_its_crews_passports_and_cards(api, protocol) -> None:
    from tests.factories import ensure_police_agency

    ensure_police_agency()
    make_agency(code="so-vhttdl")
    body = {
        "title": "NHK ghi hình", "direction": "inbound", "countries": ["JP"],
        "counterpart": {"name": "NHK", "kind": "press", "country": "JP"},
        "start_date": "2026-12-20", "end_date": "2026-12-22", "lead_agency": protocol.agency.code,
        "residency": "non_resident", "topics": "Du lịch",
        "participants": [{"full_name": "Yamada Taro", "nationality": "JP", "role": "reporter"}],
    }  # fmt: skip
    client = _as(api, protocol)
    refused = client.post(f"{API}/press-visits/", body, format="json")
    assert refused.status_code == 400
    assert "participants" in refused.json()

    crew = {"full_name": "Yamada Taro", "nationality": "JP", "passport_number": "TZ1234567", "role": "reporter",
            "card_kind": "permit", "card_number": "BNG-9", "card_valid_until": "2026-12-21"}  # fmt: skip
    expired = client.post(f"{API}/press-visits/", {**body, "participants": [crew]}, format="json")
    assert expired.status_code == 400
    created = client.post(f"{API}/press-visits/", {**body, "participants": [{**crew, "card_valid_until": "2027-01-31"}]},
                          format="json")  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["kind"] == "press"
    assert "card_number" not in created.json()["participants"][0]


def test_a_patch_from_an_older_client_keeps_the_ranks_names_in_script_and_translations(
    api, protocol, agencies
) -> None:
    """Rows without the keys added for issue 20 keep what is stored: the participant's rank (matched
    by person), the person's name in script and translated position, a programme item's
    translations (matched by start)."""
    from ttdn.cases.models import Participant

    client = _as(api, protocol)
    body = client.post(f"{API}/delegations/", DELEGATION, format="json").json()
    url = f"{API}/delegations/{body['id']}/"
    new_keys = {"rank", "name_in_script", "position_translated"}
    given_rows: list[dict[str, Any]] = DELEGATION["participants"]  # type: ignore[assignment]
    first_item: dict[str, Any] = DELEGATION["programme"][0]  # type: ignore[index]
    participants = [
        {**row, "rank": rank, "name_in_script": script, "position_translated": title}
        for row, rank, script, title in zip(
            given_rows, [2, 1], ["김민준", "이지은"], ["Governor", "Secretary"], strict=True
        )
    ]
    meeting = {**first_item, "summary": "Hội đàm"}
    visit = {"start": "2026-12-15T14:00:00+07:00", "end": "2026-12-15T16:00:00+07:00",
             "place": "Khu công nghiệp", "activity": "site_visit"}  # fmt: skip
    translated = {
        "summary_translated": "Talks",
        "place_translated": "Provincial office",
        "hosts_translated": "Chair",
    }
    full = {
        "participants": participants,
        "programme": [{**meeting, **translated}, {**visit, "place_translated": "Park"}],
    }
    assert client.patch(url, full, format="json").status_code == 200

    # An older client: the same people (one more) and a line inserted before the others.
    old_rows = [{k: v for k, v in row.items() if k not in new_keys} for row in participants]
    old_rows.append({"full_name": "Park Seo-yeon", "nationality": "KR", "passport_number": "M34567890"})
    earlier = {**meeting, "start": "2026-12-14T07:00:00+07:00", "end": "2026-12-14T08:00:00+07:00"}
    response = client.patch(
        url, {"participants": old_rows, "programme": [earlier, meeting, visit]}, format="json"
    )

    assert response.status_code == 200, response.json()
    rows = response.json()["participants"]
    assert [(row["rank"], row["name_in_script"], row["position_translated"]) for row in rows] == [
        (2, "김민준", "Governor"),
        (1, "이지은", "Secretary"),
        (None, "", ""),
    ]
    programme = response.json()["programme"]
    assert [row["summary_translated"] for row in programme] == ["", "Talks", ""]
    assert [row["place_translated"] for row in programme] == ["", "Provincial office", "Park"]
    assert programme[1]["hosts_translated"] == "Chair"

    # A key given is applied, even empty.
    given = [{**old_rows[0], "rank": None}, old_rows[1]]
    cleared = client.patch(
        url, {"participants": given, "programme": [{**meeting, "summary_translated": ""}]}, format="json"
    )
    assert [row["rank"] for row in cleared.json()["participants"]] == [None, 1]
    assert cleared.json()["programme"][0]["summary_translated"] == ""
    assert cleared.json()["programme"][0]["place_translated"] == "Provincial office"
    assert Participant.objects.filter(case_id=body["id"]).count() == 2

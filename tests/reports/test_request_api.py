"""The REST API of report requests and contributions: the same access as the pages (list ==
open, 404 for what is not seen, 403 by role, 409 by state, 400 for bad input, changing nothing)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_agency
from tests.reports.requests_fixtures import asked
from ttdn.accounts.roles import Role
from ttdn.reports.models import Contribution, ContributionReminder, ReportRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(make_user, protocol):
    return asked(make_user, protocol)


def test_protocol_creates_and_sends_a_request_for_a_decree09_quarter(protocol, leader) -> None:
    agency = make_agency(code="so-ngoai-vu")
    client = _as(APIClient(), protocol)
    body = {"title": "Báo cáo quý I", "year": 2026, "quarter": 1, "basis": "decree09", "due_on": "2026-03-10"}
    assert client.post(f"{API}/report-requests/", {**body, "agencies": []}, format="json").status_code == 400
    assert (
        client.post(f"{API}/report-requests/", {**body, "agencies": ["nope"]}, format="json").status_code
        == 400
    )
    assert not ReportRequest.objects.exists()
    created = client.post(f"{API}/report-requests/", {**body, "agencies": ["so-ngoai-vu"]}, format="json")
    assert created.status_code == 201
    assert created.json()["period_start"] == "2025-12-15" and created.json()["period_end"] == "2026-03-14"
    pk = created.json()["id"]
    assert _as(APIClient(), leader).post(f"{API}/report-requests/{pk}/send/").status_code == 404  # a draft
    sent = client.post(f"{API}/report-requests/{pk}/send/")
    assert sent.status_code == 200 and sent.json()["status"] == "sent"
    assert client.post(f"{API}/report-requests/{pk}/send/").status_code == 409
    assert Contribution.objects.filter(request_id=pk, agency=agency).exists()


def test_each_role_lists_exactly_what_it_opens(setup, protocol, leader, make_user) -> None:
    stranger = make_user(Role.AGENCY, agency=make_agency())
    for user, count in (
        (protocol, 3),
        (leader, 3),
        (setup.culture_staff, 1),
        (setup.officer, 1),
        (stranger, 0),
    ):
        client = _as(APIClient(), user)
        listed = client.get(f"{API}/contributions/").json()["results"]
        assert len(listed) == count
        for contribution in Contribution.objects.all():
            seen = contribution.pk in {row["id"] for row in listed}
            assert client.get(f"{API}/contributions/{contribution.pk}/").status_code == (200 if seen else 404)
        requests = client.get(f"{API}/report-requests/").json()["results"]
        assert len(requests) == (1 if count else 0)
        status = client.get(f"{API}/report-requests/{setup.request.pk}/").status_code
        assert status == (200 if count else 404)


def test_an_agency_saves_and_submits_its_own_contribution_only(setup, leader) -> None:
    mine = setup.request.contributions.get(agency=setup.culture)
    theirs = setup.request.contributions.get(agency=setup.industry)
    client = _as(APIClient(), setup.culture_staff)
    assert (
        client.patch(f"{API}/contributions/{theirs.pk}/", {"results": "x"}, format="json").status_code == 404
    )
    assert _as(APIClient(), leader).post(f"{API}/contributions/{mine.pk}/submit/").status_code == 403
    empty = client.post(f"{API}/contributions/{mine.pk}/submit/", {}, format="json")
    assert empty.status_code == 400 and "results" in empty.json()
    saved = client.patch(f"{API}/contributions/{mine.pk}/", {"results": "Đã đón 2 đoàn."}, format="json")
    assert saved.status_code == 200 and saved.json()["figures"]["period"]["start"] == "2025-12-15"
    submitted = client.post(f"{API}/contributions/{mine.pk}/submit/", {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert client.patch(f"{API}/contributions/{mine.pk}/", {"results": "y"}, format="json").status_code == 409
    assert Contribution.objects.get(pk=mine.pk).results == "Đã đón 2 đoàn."


def test_protocol_reminds_and_compiles_through_the_api(setup, protocol, attachment_storage) -> None:
    client = _as(APIClient(), protocol)
    assert (
        _as(APIClient(), setup.culture_staff)
        .post(f"{API}/report-requests/{setup.request.pk}/remind/")
        .status_code
        == 403
    )
    assert client.post(f"{API}/report-requests/{setup.request.pk}/remind/").status_code == 200
    assert ContributionReminder.objects.count() == 3
    compiled = client.post(f"{API}/report-requests/{setup.request.pk}/compile/")
    assert compiled.status_code == 200
    assert compiled.json()["status"] == "compiled" and compiled.json()["document"] == ".../BC-VP"

"""A kind chooses the police's checklist for its cases (ttdn.cases.review_checklist)."""

from __future__ import annotations

import dataclasses

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_delegation, police_officer
from ttdn.cases import kinds
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Review
from ttdn.cases.review_checklist import DEFAULT, checklist_names
from ttdn.cases.services.reviews import review_record
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db
TRIP = (("materials_checked", "Materials carried checked"), ("devices_checked", "Devices checked"))


@pytest.fixture
def trip_checklist(monkeypatch: pytest.MonkeyPatch) -> None:
    """The delegation kind, for this test, checks its cases on two items of its own wording."""
    kind = dataclasses.replace(kinds.get("delegation"), review_checklist=TRIP)
    monkeypatch.setitem(kinds._registry, "delegation", kind)


@pytest.fixture
def review(protocol) -> Review:
    case = case_submit(actor=protocol, case=make_delegation(actor=protocol, programme=1))
    return case.reviews.get()


def test_a_kind_without_a_checklist_has_the_core_items() -> None:
    assert checklist_names("delegation") == tuple(name for name, _ in DEFAULT)
    assert checklist_names("no-such-kind") == checklist_names("delegation")


def test_the_kinds_items_decide_whether_a_case_may_be_cleared(trip_checklist, review: Review) -> None:
    with pytest.raises(CaseError, match="checklist"):
        review_record(
            actor=police_officer(), review=review, outcome="cleared", checklist={"materials_checked": True}
        )

    # The core's other items are not asked for.
    review_record(
        actor=police_officer(),
        review=review,
        outcome="cleared",
        checklist={"materials_checked": True, "devices_checked": True, "hosts_briefed": False},
    )

    review.refresh_from_db()
    assert review.status == Review.Status.CLEARED
    assert review.checklist == {"materials_checked": True, "devices_checked": True}


def test_the_review_page_shows_the_kinds_items_in_its_words(
    trip_checklist, review: Review, client: Client
) -> None:
    client.force_login(police_officer())

    page = client.get(reverse("cases:review_detail", kwargs={"pk": review.pk})).content.decode()

    assert "Devices checked" in page
    assert 'name="devices_checked"' in page
    assert 'name="hosts_briefed"' not in page


def test_the_api_refuses_items_of_another_kinds_checklist(trip_checklist, review: Review) -> None:
    api = _as(APIClient(), police_officer())
    url = f"{API}/reviews/{review.pk}/decide/"

    refused = api.post(url, {"outcome": "cleared", "checklist": {"hosts_briefed": True}}, format="json")
    cleared = api.post(
        url,
        {"outcome": "cleared", "checklist": {"materials_checked": True, "devices_checked": True}},
        format="json",
    )

    assert refused.status_code == 400
    assert "hosts_briefed" in refused.content.decode()
    assert cleared.status_code == 200, cleared.content
    assert cleared.json()["checklist"] == {"materials_checked": True, "devices_checked": True}

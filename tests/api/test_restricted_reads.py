"""Issue 15, defect 5: the API's lists and records that show a restricted case log the read."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_delegation, police_officer
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, Case
from ttdn.cases.services.followups import followup_create
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(protocol: User) -> Case:
    case = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED)
    followup_create(
        actor=protocol, case=case, title="Gửi thư cảm ơn", due_date=datetime.date(2026, 12, 20),
        assignee_user=protocol,
    )  # fmt: skip
    return case_submit(actor=protocol, case=case)


def _logged(case: Case) -> list[tuple[int, str]]:
    return sorted(
        AccessLog.objects.filter(case=case, action=AccessLog.Action.VIEW_RESTRICTED).values_list(
            "user", "detail"
        )
    )


def _urls(case: Case) -> dict[str, str]:
    return {
        "cases": f"{API}/delegations/",
        "follow-ups": f"{API}/follow-ups/",
        "reviews": f"{API}/reviews/",
        "case": f"{API}/delegations/{case.pk}/",
        "follow-up": f"{API}/follow-ups/{case.follow_ups.get().pk}/",
        "review": f"{API}/reviews/{case.reviews.get().pk}/",
    }


@pytest.mark.parametrize("resource", ["cases", "follow-ups", "reviews", "case", "follow-up", "review"])
def test_each_read_of_a_restricted_case_is_logged_once(
    api: APIClient, restricted: Case, protocol, resource
) -> None:
    user = police_officer() if resource.startswith("review") else protocol
    response = _as(api, user).get(_urls(restricted)[resource])

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 if "count" in body else body["id"]
    detail = "api list" if resource.endswith("s") else "api"
    assert _logged(restricted) == [(user.pk, detail)]


@pytest.mark.parametrize("resource", ["case", "follow-up", "review"])
def test_who_may_not_see_the_case_gets_a_404_and_no_entry(
    api: APIClient, restricted: Case, make_user, resource
) -> None:
    user = make_user(Role.POLICE) if resource == "review" else make_user(Role.PROTOCOL)
    url = _urls(restricted)[resource]

    assert _as(api, user).get(url).status_code == 404
    assert _as(api, user).get(url.rsplit("/", 2)[0] + "/").json()["count"] == 0

    assert _logged(restricted) == []

"""``/api/v1/aid-projects/``: the same selector and policy as the pages. A project (or a case) the
user may not see: 404; who sees it but does not keep the registry: 403; protocol writes."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ngos.models import AidProject
from tests.api.client import API, _as
from tests.ngos.projects_helpers import World, make_ngo, make_project, make_world

pytestmark = pytest.mark.django_db
URL = f"{API}/aid-projects/"


@pytest.fixture
def world(make_user: Any) -> World:
    return make_world(make_user)


def _body(world: World, **fields: Any) -> dict[str, Any]:
    return {
        "ngo": world.ngo.pk, "title": "Trường học an toàn", "sector": "education", "communes": [world.agency.code],
        "status": "approved", "currency": "EUR", "amount_in_currency": "10000.00", "exchange_rate": "27500.0000",
        "start_date": "2026-03-01", "end_date": "2027-02-28", **fields,
    }  # fmt: skip


def test_the_list_is_what_each_role_may_open(world: World) -> None:
    other = make_project(world.protocol, make_ngo("Oxfam"), title="Không có đoàn")
    for user, expected in (
        (world.protocol, {world.project.pk, other.pk}),
        (world.police, {world.project.pk, other.pk}),
        (world.host, {world.project.pk}),
        (world.outsider, set()),
    ):
        api = _as(APIClient(), user)
        listed = {row["id"] for row in api.get(URL).json()["results"]}
        assert listed == expected
        for project in AidProject.objects.all():
            status = api.get(f"{URL}{project.pk}/").status_code
            assert status == (200 if project.pk in expected else 404)


def test_the_list_filters(world: World) -> None:
    other = make_project(world.protocol, make_ngo("Oxfam"), title="2030", start_date="2030-01-01",
                         end_date="2030-12-31", status="proposed")  # fmt: skip
    api = _as(APIClient(), world.protocol)

    def listed(**query: Any) -> set[int]:
        return {row["id"] for row in api.get(URL, query).json()["results"]}

    assert listed(year=2030) == {other.pk}
    assert listed(status="approved", ngo=world.ngo.pk) == {world.project.pk}
    assert listed(sector="water") == {world.project.pk, other.pk}
    assert listed(sector="nothing") == set()
    assert api.get(URL, {"status": "nonsense"}).status_code == 400
    assert api.get(URL, {"year": "196500356"}).status_code == 400


def test_protocol_creates_patches_and_links(world: World) -> None:
    api = _as(APIClient(), world.protocol)
    created = api.post(URL, _body(world), format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["committed"] == 275_000_000
    pk = created.json()["id"]
    assert AidProject.objects.get(pk=pk).filings.count() == 2

    refused = api.patch(f"{URL}{pk}/", {"disbursed": 300_000_000}, format="json")
    assert refused.status_code == 400 and "disbursed" in refused.json()
    patched = api.patch(f"{URL}{pk}/", {"disbursed": 100_000_000, "report_every_months": 3}, format="json")
    assert patched.status_code == 200, patched.json()
    assert AidProject.objects.get(pk=pk).filings.count() == 4

    linked = api.post(f"{URL}{pk}/link/", {"case": world.case.pk}, format="json")
    assert linked.status_code == 200 and linked.json()["cases"] == [world.case.pk]
    assert api.post(f"{URL}{pk}/link/", {"case": world.case.pk}, format="json").status_code == 409
    assert api.post(f"{URL}{pk}/unlink/", {"case": world.case.pk}, format="json").json()["cases"] == []


def test_a_bad_project_is_a_400_and_nothing_saved(world: World) -> None:
    api = _as(APIClient(), world.protocol)
    answer = api.post(URL, _body(world, amount_in_currency=None), format="json")
    assert answer.status_code == 400 and "amount_in_currency" in answer.json()
    answer = api.post(URL, _body(world, end_date="2025-01-01"), format="json")
    assert answer.status_code == 400 and "end_date" in answer.json()
    assert AidProject.objects.count() == 1


def test_who_may_not_see_gets_404_and_who_may_not_keep_gets_403(world: World) -> None:
    detail = f"{URL}{world.project.pk}/"
    outsider = _as(APIClient(), world.outsider)
    assert outsider.patch(detail, {"title": "x"}, format="json").status_code == 404
    assert outsider.post(f"{detail}link/", {"case": world.case.pk}, format="json").status_code == 404
    assert outsider.post(f"{detail}unlink/", {"case": world.case.pk}, format="json").status_code == 404
    for user in (world.host, world.leader, world.police):
        api = _as(APIClient(), user)
        assert api.post(URL, _body(world), format="json").status_code == 403
        assert api.patch(detail, {"title": "x"}, format="json").status_code == 403
        assert api.post(f"{detail}unlink/", {"case": world.case.pk}, format="json").status_code == 403
    assert AidProject.objects.get(pk=world.project.pk).title != "x"
    assert world.project.cases.count() == 1


def test_a_case_the_user_may_not_see_cannot_be_linked(world: World, make_user: Any) -> None:
    other = make_project(world.protocol, world.ngo, title="Thứ hai")
    api = _as(APIClient(), world.protocol)
    assert api.post(f"{URL}{other.pk}/link/", {"case": 999999}, format="json").status_code == 404


def test_the_host_sees_only_the_visits_it_may_see(world: World) -> None:
    from tests.factories import make_delegation

    hidden = make_delegation(actor=world.protocol, lead_agency=world.outsider.agency)
    _as(APIClient(), world.protocol).post(
        f"{URL}{world.project.pk}/link/", {"case": hidden.pk}, format="json"
    )
    assert _as(APIClient(), world.host).get(f"{URL}{world.project.pk}/").json()["cases"] == [world.case.pk]


def test_the_list_s_queries_stay_flat(world: World) -> None:
    api = _as(APIClient(), world.protocol)
    api.get(URL)
    with CaptureQueriesContext(connection) as few:
        api.get(URL)
    for n in range(4):
        make_project(world.protocol, make_ngo(f"NGO {n}"), title=f"Dự án {n}")
    with CaptureQueriesContext(connection) as many:
        api.get(URL)
    assert len(many) == len(few)

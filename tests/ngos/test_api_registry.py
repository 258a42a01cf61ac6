"""The registry in the API: NGOs, certificates and filings listed, filtered, opened, created and
changed, under the pages' rules (a record the user may not see is a 404; writes by anyone but
protocol staff a 403)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from ngos.models import Certificate, Filing, Ngo
from ngos.services.registry import NgoData, certificate_add, ngo_create
from tests.api.client import API, _as
from tests.ngos.registry_world import World, certificate_values, ngo_organisation, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
ROLES = ("protocol", "police", "agency", "leader", "admin")


def api(user: Any) -> APIClient:
    return _as(APIClient(), user)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_exactly_what_it_can_open(world: World, role: str) -> None:
    client = api(world.users[role])
    for resource, model in (("ngos", Ngo), ("ngo-certificates", Certificate), ("ngo-filings", Filing)):
        listed = client.get(f"{API}/{resource}/")
        assert listed.status_code == 200, resource
        shown = {row["id"] for row in listed.json()["results"]}
        openable = {
            pk
            for pk in model.objects.values_list("pk", flat=True)
            if client.get(f"{API}/{resource}/{pk}/").status_code == 200
        }
        assert shown == openable, resource
    ngos = {row["name"] for row in client.get(f"{API}/ngos/").json()["results"]}
    assert ngos == ({"Hội Chữ thập Đỏ Đức"} if role == "agency" else {"Hội Chữ thập Đỏ Đức", "Oxfam Novib"})


def test_what_the_agency_may_not_see_is_a_404_read_or_written(world: World) -> None:
    certificate = certificate_add(
        actor=world.users["protocol"], ngo=world.other, values=certificate_values("4/O")
    )
    filing = certificate.filings.first()
    assert filing is not None
    client = api(world.users["agency"])
    for url in (
        f"{API}/ngos/{world.other.pk}/",
        f"{API}/ngo-certificates/{certificate.pk}/",
        f"{API}/ngo-filings/{filing.pk}/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.patch(url, {"notes": "x"}, format="json").status_code == 404, url
    protocol = api(world.users["protocol"])
    assert protocol.get(f"{API}/ngos/999999/").status_code == 404


@pytest.mark.parametrize("role", ["police", "agency", "leader", "admin"])
def test_writes_by_anyone_but_protocol_are_refused(world: World, role: str) -> None:
    client = api(world.users[role])
    hosted = world.hosted
    certificate = hosted.certificates.get()
    filing = hosted.filings.first()
    assert filing is not None
    today = timezone.localdate().isoformat()
    assert client.post(f"{API}/ngos/", {"name": "X", "country": "US"}, format="json").status_code == 403
    assert client.patch(f"{API}/ngos/{hosted.pk}/", {"acronym": "X"}, format="json").status_code == 403
    values = {**certificate_values("5/X"), "ngo": hosted.pk}
    values = {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in values.items()}
    assert client.post(f"{API}/ngo-certificates/", values, format="json").status_code == 403
    assert (
        client.patch(f"{API}/ngo-certificates/{certificate.pk}/", {"number": "X"}, format="json").status_code
        == 403
    )
    assert (
        client.patch(f"{API}/ngo-filings/{filing.pk}/", {"received_on": today}, format="json").status_code
        == 403
    )
    assert Ngo.objects.count() == 2 and Certificate.objects.count() == 1


def test_protocol_creates_and_changes_an_ngo_and_its_certificate(world: World) -> None:
    client = api(world.users["protocol"])
    made = client.post(
        f"{API}/ngos/",
        {"name": "Save the Children", "name_vi": "Cứu trợ Trẻ em", "country": "GB", "acronym": "SC"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert (body["name"], body["country"], body["certificate_state"]) == ("Save the Children", "GB", "none")
    changed = client.patch(f"{API}/ngos/{body['id']}/", {"headquarters": "London"}, format="json")
    assert changed.status_code == 200 and changed.json()["headquarters"] == "London"
    assert changed.json()["name"] == "Save the Children"
    values = {**certificate_values("9/SC", valid_for=30), "ngo": body["id"]}
    values = {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in values.items()}
    certificate = client.post(f"{API}/ngo-certificates/", values, format="json")
    assert certificate.status_code == 201, certificate.json()
    assert certificate.json()["state"] == "ending"
    assert Filing.objects.filter(certificate=certificate.json()["id"]).count() == 2
    assert client.get(f"{API}/ngos/{body['id']}/").json()["certificate_state"] == "ending"
    bad = client.patch(
        f"{API}/ngo-certificates/{certificate.json()['id']}/", {"valid_until": "2000-01-01"}, format="json"
    )
    assert bad.status_code == 400 and "valid_until" in bad.json()


def test_protocol_takes_in_a_known_organisation_and_a_name_taken_is_a_400(world: World) -> None:
    client = api(world.users["protocol"])
    plan = ngo_organisation("Plan International", "GB")
    taken = client.post(f"{API}/ngos/", {"organisation": plan.pk, "acronym": "Plan"}, format="json")
    assert taken.status_code == 201 and taken.json()["name"] == "Plan International"
    again = client.post(f"{API}/ngos/", {"organisation": plan.pk}, format="json")
    assert again.status_code == 400
    assert (
        client.post(f"{API}/ngos/", {"name": "Oxfam Novib", "country": "NL"}, format="json").status_code
        == 400
    )
    assert client.post(f"{API}/ngos/", {"acronym": "?"}, format="json").status_code == 400


def test_a_filing_s_arrival_is_recorded_and_an_annual_report_added(world: World) -> None:
    client = api(world.users["protocol"])
    filing = world.hosted.filings.get(kind="activity_plan")
    today = timezone.localdate()
    recorded = client.patch(
        f"{API}/ngo-filings/{filing.pk}/",
        {"received_on": today.isoformat(), "document_number": "7/DRK", "document_date": today.isoformat()},
        format="json",
    )
    assert recorded.status_code == 200 and recorded.json()["state"] == "received"
    report = {
        "ngo": world.hosted.pk,
        "kind": "annual_report",
        "year": today.year - 1,
        "due_on": today.isoformat(),
    }
    added = client.post(f"{API}/ngo-filings/", report, format="json")
    assert added.status_code == 201, added.json()
    assert client.post(f"{API}/ngo-filings/", report, format="json").status_code == 400  # one a year
    states = {
        row["state"] for row in client.get(f"{API}/ngo-filings/", {"state": "received"}).json()["results"]
    }
    assert states == {"received"}


def test_the_lists_filter_by_search_certificate_state_and_country(world: World) -> None:
    protocol = world.users["protocol"]
    care = ngo_create(actor=protocol, data=NgoData(name="CARE", country="CH"))
    certificate_add(actor=protocol, ngo=care, values=certificate_values("2/C", valid_for=50))
    client = api(protocol)

    def names(**query: str) -> set[str]:
        return {row["name"] for row in client.get(f"{API}/ngos/", query).json()["results"]}

    assert names(search="chu thap do") == {"Hội Chữ thập Đỏ Đức"}
    assert names(certificate="ending") == {"CARE"}
    assert names(certificate="none") == {"Oxfam Novib"}
    assert names(country="nl") == {"Oxfam Novib"}
    assert client.get(f"{API}/ngos/", {"certificate": "bogus"}).status_code == 400
    numbers = {
        row["number"] for row in client.get(f"{API}/ngo-certificates/", {"state": "ending"}).json()["results"]
    }
    assert numbers == {"2/C"}


def test_the_ngo_list_s_queries_stay_flat(world: World) -> None:
    client = api(world.users["protocol"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/ngos/").status_code == 200
        return len(queries)

    count()
    before = count()
    for n in range(5):
        ngo = ngo_create(actor=world.users["protocol"], data=NgoData(name=f"NGO {n}", country="US"))
        certificate_add(actor=world.users["protocol"], ngo=ngo, values=certificate_values(f"{n}/Q"))
    assert count() == before

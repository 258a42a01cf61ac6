"""``/api/v1/outbound-trips/``: through the selector; passport numbers masked as the core masks."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from outbound.models import TripMember
from outbound.services import PassportData, passport_save
from tests.api.client import API, _as
from tests.factories import make_agency, make_outbound_trip
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(protocol):
    case = make_outbound_trip(actor=protocol, members=2, countries=["FR"])
    for number, member in zip(
        ("N7654321", "B1234567"), TripMember.objects.filter(trip__case=case), strict=True
    ):
        passport_save(
            actor=protocol, case=case, member=member, data=PassportData(kind="official", number=number)
        )
    return case


def test_protocol_reads_the_trip_with_its_members_and_their_passports(trip, protocol) -> None:
    body = _as(APIClient(), protocol).get(f"{API}/outbound-trips/{trip.pk}/").json()

    assert (body["reference"], body["direction"], body["countries"]) == (trip.reference, "outbound", ["FR"])
    assert body["participants"] == []
    assert sorted(m["passport_number"] for m in body["members"]) == ["B1234567", "N7654321"]
    assert [m["role"] for m in body["members"]].count("head") == 1


def test_a_leader_sees_the_passports_masked(trip, leader) -> None:
    body = _as(APIClient(), leader).get(f"{API}/outbound-trips/").json()

    numbers = sorted(m["passport_number"] for m in body["results"][0]["members"])
    assert numbers == ["•••321", "•••567"]


def test_an_agency_user_not_on_the_trip_gets_404_and_an_empty_list(trip, make_user) -> None:
    outsider = _as(APIClient(), make_user(Role.AGENCY, agency=make_agency()))

    assert outsider.get(f"{API}/outbound-trips/{trip.pk}/").status_code == 404
    assert outsider.get(f"{API}/outbound-trips/").json()["results"] == []


def test_the_list_reads_in_the_same_number_of_queries_for_more_trips(
    protocol, django_assert_max_num_queries
) -> None:
    client = _as(APIClient(), protocol)
    make_outbound_trip(actor=protocol, members=2)
    with django_assert_max_num_queries(20) as few:
        client.get(f"{API}/outbound-trips/")
    for _ in range(3):
        make_outbound_trip(actor=protocol, members=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"{API}/outbound-trips/").json()["results"]) == 4

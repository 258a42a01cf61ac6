"""outbound 0003: the outbound delegations recorded as delegations become outbound trips."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from delegations.models import Delegation
from outbound.models import Official, OutboundTrip, TripMember
from tests.factories import make_delegation, person_data
from ttdn.cases.models import Case, Person
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update

pytestmark = pytest.mark.django_db
migration = importlib.import_module("outbound.migrations.0003_outbound_delegations_moved")


def _old_outbound(protocol, *people: tuple[str, str, str, str]) -> Case:
    """An outbound delegation as the delegations kind kept it: participants, direction outbound."""
    case = make_delegation(actor=protocol, participants=0)
    rows = [
        ParticipantData(person_data(name, nationality, passport), role=role)
        for name, nationality, passport, role in people
    ]
    case_update(actor=protocol, case=case, data=CaseData(fields={}, participants=rows))
    Case.objects.filter(pk=case.pk).update(
        direction="outbound", reference=case.reference.replace("DV-", "DR-")
    )
    return Case.objects.get(pk=case.pk)


def test_old_outbound_delegations_become_trips_with_their_officials(protocol, client) -> None:
    inbound = make_delegation(actor=protocol, participants=0)
    case = _old_outbound(
        protocol,
        ("Trần Văn Một", "VN", "C1000001", "head"),
        ("Lê Thị Hai", "VN", "", "member"),
        ("Tanaka Jiro", "JP", "TK1000004", "interpreter"),
    )
    again = _old_outbound(protocol, ("Trần Văn Một", "VN", "C1000001", "member"))

    migration.move(django_apps, None)
    migration.move(django_apps, None)  # a second run finds nothing left to move

    case.refresh_from_db()
    assert (case.kind, case.direction, case.reference[:3]) == ("outbound", "outbound", "DR-")
    assert not Delegation.objects.filter(case__in=[case, again]).exists()
    assert Delegation.objects.filter(case=inbound).exists()  # inbound ones stay delegations
    trip = OutboundTrip.objects.get(case=case)
    assert (trip.funding, trip.head_level.order) == ("other", 3)
    members = {(m.official.full_name, m.role) for m in TripMember.objects.filter(trip=trip)}
    assert members == {("Trần Văn Một", "head"), ("Lê Thị Hai", "member")}
    assert Official.objects.filter(full_name="Trần Văn Một").count() == 1  # one official on two trips
    assert TripMember.objects.get(trip__case=again).role == "member"
    # The foreigner is kept as a participant; the officials left the foreign-person registry.
    assert [p.person.full_name for p in case.participants.all()] == ["Tanaka Jiro"]
    assert set(Person.objects.values_list("full_name", flat=True)) == {"Tanaka Jiro"}
    client.force_login(protocol)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="participants"' in page and "Tanaka Jiro" in page and "Lê Thị Hai" in page

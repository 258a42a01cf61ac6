"""Correcting a certificate owes nothing anew (an old certificate, taken in by the migration, would
otherwise owe long-overdue filings): it only moves the due dates of the filings it made that have
not arrived. Recording a certificate owes them."""

from __future__ import annotations

import datetime

import pytest

from ngos.models import Certificate, Filing, Ngo
from ngos.services.registry import certificate_add, certificate_update
from tests.ngos.registry_world import World, certificate_values, world_fixture  # noqa: F401
from ttdn.cases.deadlines import add_working_days

pytestmark = pytest.mark.django_db
D = datetime.date


def test_correcting_an_old_certificate_owes_nothing(world: World) -> None:
    protocol = world.users["protocol"]
    old = Certificate.objects.create(  # as ngos 0002 took it in: no filing made
        ngo=world.other, kind="operation", event="issued", number="03/GĐK", issued_on=D(2019, 3, 1),
        valid_until=D(2027, 3, 1),
    )  # fmt: skip
    certificate_update(
        actor=protocol, certificate=old, values={"valid_until": D(2027, 6, 1), "issued_on": D(2019, 4, 1)}
    )
    assert not Filing.objects.filter(certificate=old).exists()


def test_correcting_a_certificate_moves_what_has_not_arrived(world: World) -> None:
    protocol = world.users["protocol"]
    certificate = certificate_add(
        actor=protocol, ngo=world.other, values=certificate_values("04/GĐK", issued_ago=20)
    )
    plan = Filing.objects.get(certificate=certificate, kind=Filing.Kind.ACTIVITY_PLAN)
    bank = Filing.objects.get(certificate=certificate, kind=Filing.Kind.BANK_ACCOUNT)
    Filing.objects.filter(pk=bank.pk).update(received_on=bank.due_on)

    issued = certificate.issued_on - datetime.timedelta(days=7)
    certificate_update(actor=protocol, certificate=certificate, values={"issued_on": issued})
    plan.refresh_from_db()
    assert plan.due_on == add_working_days(issued, 45)
    assert Filing.objects.get(pk=bank.pk).due_on == bank.due_on  # arrived: as it was owed
    assert Filing.objects.filter(certificate=certificate).count() == 2


def test_recording_a_certificate_owes_its_filings(world: World) -> None:
    ngo: Ngo = world.other
    certificate = certificate_add(actor=world.users["protocol"], ngo=ngo, values=certificate_values("05/GĐK"))
    kinds = set(Filing.objects.filter(certificate=certificate).values_list("kind", flat=True))
    assert kinds == {Filing.Kind.ACTIVITY_PLAN, Filing.Kind.BANK_ACCOUNT}

"""Retention: the passports of the officials on a trip past its period are cleared by the daily
retention task (through ``CaseKind.retention_clear``); those of a recent trip stay."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from outbound.models import TripMember, TripPassport
from outbound.services import PassportData, passport_save
from tests.factories import make_outbound_trip
from ttdn.cases.models import Case
from ttdn.cases.tasks import anonymise_due_people

pytestmark = pytest.mark.django_db
YEAR = datetime.timedelta(days=366)


def _closed_trip(protocol, years_ago: int, number: str) -> Case:
    start = timezone.localdate() - years_ago * YEAR - datetime.timedelta(days=30)
    case = make_outbound_trip(actor=protocol, start=start, members=1)
    member = TripMember.objects.get(trip__case=case)
    passport_save(
        actor=protocol, case=case, member=member, data=PassportData(kind="diplomatic", number=number)
    )
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    case.refresh_from_db()
    case.save()  # a history row with the final state, as the workflow writes it
    Case.history.filter(id=case.pk, status="closed").update(history_date=timezone.now() - years_ago * YEAR)
    return case


def test_the_passports_of_trips_past_their_period_are_cleared_once(protocol) -> None:
    old, recent = _closed_trip(protocol, 6, "D1111111"), _closed_trip(protocol, 1, "D2222222")

    anonymise_due_people()
    anonymise_due_people()  # nothing left to clear

    old_passport = TripPassport.objects.get(member__trip__case=old)
    assert (old_passport.number, old_passport.number_hash, old_passport.kind) == ("", "", "diplomatic")
    assert TripPassport.objects.get(member__trip__case=recent).number == "D2222222"

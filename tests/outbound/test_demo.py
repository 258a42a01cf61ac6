from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from outbound.models import Official, TripPassport
from ttdn.cases.models import Case

pytestmark = pytest.mark.django_db


def test_the_demo_has_outbound_delegations_with_officials_and_passports() -> None:
    call_command("seed_demo", "--force", stdout=StringIO())

    cases = Case.objects.filter(kind="outbound")
    assert {"draft", "approved", "completed"} <= set(cases.values_list("status", flat=True))
    assert all(case.reference.startswith("DR-") and not case.participants.exists() for case in cases)
    assert Official.objects.filter(user__username="leader").exists()
    assert TripPassport.objects.filter(
        handed_back_on__isnull=True, member__trip__case__status="completed"
    ).exists()

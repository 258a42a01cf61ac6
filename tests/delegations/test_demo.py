from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from delegations.models import Agreement, Delegation
from ttdn.cases.models import Attachment, Case

pytestmark = pytest.mark.django_db


def test_demo_has_inbound_delegations_of_every_kind_mode_and_status() -> None:
    call_command("seed_demo", "--force", stdout=StringIO())

    cases = Case.objects.filter(kind="delegation")
    assert set(Delegation.objects.values_list("delegation_kind", flat=True)) == set(Delegation.Kind.values)
    assert set(cases.values_list("direction", flat=True)) == {Case.Direction.INBOUND}  # outbound: outbound/
    assert set(cases.values_list("mode", flat=True)) == set(Case.Mode.values)
    assert set(cases.values_list("status", flat=True)) == set(Case.Status.values)
    for case in cases:
        assert case.participants.exists(), case
        assert case.programme_items.exists(), case
    assert Attachment.objects.filter(case__in=cases).count() == cases.count()
    assert Agreement.objects.get().cases.exists()

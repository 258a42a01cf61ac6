"""A kind may name agencies that see its cases besides the lead and co-host agencies
(``CaseKind.agencies_seeing``): the core writes their grants with the hosts', and takes them back
when the kind no longer names them."""

from __future__ import annotations

import dataclasses

import pytest

from tests.factories import case_data_as_now, make_agency, make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases import kinds
from ttdn.cases.selectors import cases_visible_to
from ttdn.cases.services.cases import case_update

pytestmark = pytest.mark.django_db


def test_the_agencies_a_kind_names_see_its_cases_until_it_stops_naming_them(
    monkeypatch, make_user, protocol
) -> None:
    extra = make_agency()
    staff = make_user(Role.AGENCY, agency=extra)
    named: set[int] = set()
    kind = dataclasses.replace(
        kinds.get("delegation"),
        agencies_seeing=lambda case_ids: [(pk, extra.pk) for pk in case_ids if pk in named],
    )
    monkeypatch.setitem(kinds._registry, "delegation", kind)
    case = make_delegation(actor=protocol)
    assert not cases_visible_to(staff).filter(pk=case.pk).exists()

    named.add(case.pk)
    case_update(actor=protocol, case=case, data=case_data_as_now(case))
    assert cases_visible_to(staff).filter(pk=case.pk).exists()

    named.clear()
    case_update(actor=protocol, case=case, data=case_data_as_now(case))
    assert not cases_visible_to(staff).filter(pk=case.pk).exists()

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from delegations.models import Agreement
from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner() -> Organisation:
    return Organisation.objects.create(name="Gyeonggi Province", kind="friendship_locality", country="KR")


def test_protocol_records_an_agreement_with_its_cases(client: Client, protocol, partner) -> None:
    case = make_delegation(actor=protocol)
    client.force_login(protocol)

    response = client.post(
        reverse("delegations:agreement_create"),
        {
            "title": "Thỏa thuận hữu nghị",
            "partner": partner.pk,
            "signed_on": "01/06/2024",
            "valid_until": "31/05/2029",
            "cases": [case.pk],
        },
    )

    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.signed_on == datetime.date(2024, 6, 1)
    assert list(agreement.cases.all()) == [case]
    assert agreement.title in client.get(case.get_absolute_url()).content.decode()


def test_an_agreement_cannot_end_before_it_is_signed(client: Client, protocol, partner) -> None:
    client.force_login(protocol)

    response = client.post(
        reverse("delegations:agreement_create"),
        {"title": "Sai ngày", "partner": partner.pk, "signed_on": "01/06/2024", "valid_until": "01/01/2024"},
    )

    assert response.status_code == 200
    assert "không thể hết hiệu lực trước khi ký" in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_case_the_user_may_not_see_cannot_be_linked(client: Client, protocol, partner, make_user) -> None:
    hidden = make_delegation(actor=make_user(Role.PROTOCOL), access_level="restricted")
    client.force_login(protocol)

    response = client.post(
        reverse("delegations:agreement_create"),
        {"title": "Thử", "partner": partner.pk, "signed_on": "01/06/2024", "cases": [hidden.pk]},
    )

    assert response.status_code == 200
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("role", [Role.AGENCY, Role.POLICE])
def test_agreements_are_not_for_hosts_and_police(client: Client, make_user, role) -> None:
    client.force_login(make_user(role))

    assert client.get(reverse("delegations:agreement_list")).status_code == 403
    assert client.get(reverse("delegations:agreement_create")).status_code == 403


def test_leaders_read_agreements_but_do_not_edit(client: Client, leader, partner) -> None:
    Agreement.objects.create(title="Thỏa thuận A", partner=partner, signed_on=datetime.date(2024, 1, 1))
    client.force_login(leader)

    assert "Thỏa thuận A" in client.get(reverse("delegations:agreement_list")).content.decode()
    assert client.get(reverse("delegations:agreement_create")).status_code == 403

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from ttdn.accounts.models import Agency
from ttdn.accounts.roles import Role, roles_of
from ttdn.accounts.services import (
    agency_save,
    user_set_language,
    user_set_roles,
    user_sync_agency_group,
)

pytestmark = pytest.mark.django_db


def test_each_agency_gets_its_own_group() -> None:
    agency = agency_save(
        agency=Agency(code="so-ngoai-vu", name_vi="Sở Ngoại vụ", kind=Agency.Kind.DEPARTMENT)
    )

    assert agency.group.name == "agency:so-ngoai-vu"


def test_renaming_an_agency_code_renames_its_group_and_keeps_members(agency_factory, make_user) -> None:
    agency = agency_factory(code="so-khdt")
    user = make_user(agency=agency)

    agency.code = "so-tc"
    agency_save(agency=agency)

    assert Group.objects.filter(name__startswith="agency:").filter(name="agency:so-khdt").count() == 0
    assert list(user.groups.filter(name__startswith="agency:").values_list("name", flat=True)) == [
        "agency:so-tc"
    ]


def test_agency_code_must_be_unique(agency_factory) -> None:
    agency_factory(code="ca-tinh")

    with pytest.raises(ValidationError, match="code"):
        agency_save(agency=Agency(code="ca-tinh", name_vi="Công an tỉnh", kind=Agency.Kind.POLICE))


def test_moving_a_user_to_another_agency_moves_their_group(agency_factory, make_user) -> None:
    first, second = agency_factory(), agency_factory()
    user = make_user(agency=first)

    user.agency = second
    user.save()
    user_sync_agency_group(user=user)

    assert set(user.groups.values_list("name", flat=True)) == {second.group.name}


def test_set_roles_replaces_roles_and_keeps_the_agency_group(make_user) -> None:
    user = make_user(Role.PROTOCOL)

    user_set_roles(user=user, roles=[Role.LEADER])

    assert roles_of(user) == {Role.LEADER}
    assert user.groups.filter(name=user.agency.group.name).exists()


def test_set_language_rejects_an_unknown_language(make_user) -> None:
    user = make_user()

    user_set_language(user=user, language="en")
    with pytest.raises(ValidationError):
        user_set_language(user=user, language="fr")

    user.refresh_from_db()
    assert user.preferred_language == "en"

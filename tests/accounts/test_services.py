from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from ttdn.accounts.models import Agency
from ttdn.accounts.roles import Role, roles_of
from ttdn.accounts.services import (
    agency_save,
    user_calendar_token_reset,
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


def _groups_in(record) -> set[str]:
    """The groups a user had in one row of their history."""
    return set(Group.objects.filter(pk__in=record.groups.values("group")).values_list("name", flat=True))


def test_an_agencys_changes_are_kept_with_who_made_them(make_user) -> None:
    admin = make_user(Role.ADMIN)
    agency = agency_save(agency=Agency(code="so-nv", name_vi="Sở Ngoại vụ", kind="department"), actor=admin)
    agency.name_vi = "Sở Ngoại vụ tỉnh"
    agency_save(agency=agency, actor=admin)

    rows = list(agency.history.order_by("history_id"))
    assert [(row.history_type, row.name_vi, row.history_user) for row in rows] == [
        ("+", "Sở Ngoại vụ", admin),
        ("~", "Sở Ngoại vụ tỉnh", admin),
    ]


def test_a_users_roles_and_agency_changes_are_kept_with_who_made_them(make_user, agency_factory) -> None:
    admin = make_user(Role.ADMIN)
    user = make_user(Role.PROTOCOL)
    first, second = user.agency, agency_factory()

    before = user.history.latest()
    user_set_roles(user=user, roles=[Role.LEADER], actor=admin)
    rows = user.history.filter(history_id__gt=before.history_id).order_by("history_id")
    assert rows and {row.history_user for row in rows} == {admin}
    assert _groups_in(before) == {"protocol", first.group.name}
    assert _groups_in(rows.last()) == {"leader", first.group.name}

    user.agency = second
    user.save()
    user_sync_agency_group(user=user, actor=admin)
    record = user.history.latest()
    assert (record.agency, record.history_user) == (second, admin)
    assert _groups_in(record) == {"leader", second.group.name}
    moved = user.history.filter(agency_id=second.pk).order_by("history_id").first()
    assert moved is not None and moved.prev_record.agency == first


def test_a_users_history_keeps_no_secret_and_no_row_per_sign_in(make_user, client) -> None:
    user = make_user(Role.PROTOCOL)
    rows = user.history.count()

    client.force_login(user)  # sets last_login
    user_calendar_token_reset(user=user)

    assert user.history.count() == rows
    fields = {field.name for field in user.history.model._meta.fields}
    assert not fields & {"password", "calendar_token", "last_login"}

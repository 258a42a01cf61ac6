from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from ttdn.accounts.roles import Role, has_role, roles_of

pytestmark = pytest.mark.django_db


def _permissions(role: Role, app_labels: tuple[str, ...] = ("accounts", "auth")) -> set[str]:
    group = Group.objects.get(name=role.value)
    permissions = group.permissions.select_related("content_type").filter(
        content_type__app_label__in=app_labels
    )
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def test_migrations_create_one_group_per_role() -> None:
    assert set(Group.objects.filter(name__in=Role.values).values_list("name", flat=True)) == set(Role.values)


def test_only_the_admin_role_may_change_users_agencies_and_groups() -> None:
    admin = _permissions(Role.ADMIN)
    assert {
        "accounts.add_user",
        "accounts.change_user",
        "accounts.change_agency",
        "auth.change_group",
    } <= admin
    for role in (Role.PROTOCOL, Role.POLICE, Role.AGENCY, Role.LEADER):
        assert not any(
            name.split(".")[1].startswith(("add_", "change_", "delete_")) for name in _permissions(role)
        )


def test_only_protocol_staff_may_add_or_change_cases() -> None:
    assert {"cases.add_case", "cases.change_case", "delegations.add_delegation"} <= _permissions(
        Role.PROTOCOL, ("cases", "delegations")
    )
    # Police officers change only their reviews, hosts only their follow-ups and post-visit
    # reports, leaders nothing here.
    allowed = {
        Role.POLICE: {"cases.change_review"},
        Role.AGENCY: {"cases.change_followup", "cases.add_postvisitreport"},
        Role.LEADER: set(),
    }
    for role, writes in allowed.items():
        changes = {
            name
            for name in _permissions(role, ("cases", "delegations"))
            if name.split(".")[1].startswith(("add_", "change_", "delete_"))
        }
        assert changes == writes, role


def test_reading_roles_see_agencies_and_colleagues() -> None:
    assert _permissions(Role.PROTOCOL) == {"accounts.view_agency", "accounts.view_user"}
    assert _permissions(Role.POLICE) == {"accounts.view_agency", "accounts.view_user"}
    assert _permissions(Role.LEADER) == {"accounts.view_agency", "accounts.view_user"}
    assert _permissions(Role.AGENCY) == {"accounts.view_agency"}


def test_roles_of_reads_group_membership_once(make_user, django_assert_num_queries) -> None:
    user = make_user(Role.PROTOCOL, Role.LEADER)

    with django_assert_num_queries(1):
        assert roles_of(user) == {Role.PROTOCOL, Role.LEADER}
        assert has_role(user, Role.LEADER)
        assert not has_role(user, Role.POLICE)


def test_inactive_users_have_no_role(make_user) -> None:
    user = make_user(Role.PROTOCOL, is_active=False)

    assert roles_of(user) == frozenset()


def test_the_signed_in_user_comes_with_their_roles_and_a_change_is_seen(
    make_user, django_assert_num_queries
) -> None:
    """Every request loads its user through the backend with the roles in the same query (one
    query less on every page); changing the roles is seen at once."""
    from ttdn.accounts.services import user_set_roles
    from ttdn.accounts.usernames import NormalisedUsernameBackend

    user = make_user(Role.PROTOCOL, Role.LEADER)
    with django_assert_num_queries(1):
        loaded = NormalisedUsernameBackend().get_user(user.pk)
        assert loaded is not None
        assert roles_of(loaded) == {Role.PROTOCOL, Role.LEADER}
        assert not has_role(loaded, Role.POLICE)

    user_set_roles(user=loaded, roles=[Role.POLICE])

    assert roles_of(loaded) == {Role.POLICE}
    reloaded = NormalisedUsernameBackend().get_user(user.pk)
    assert reloaded is not None
    assert roles_of(reloaded) == {Role.POLICE}


def test_an_inactive_user_is_not_loaded_for_a_request(make_user) -> None:
    from ttdn.accounts.usernames import NormalisedUsernameBackend

    user = make_user(Role.PROTOCOL, is_active=False)

    assert NormalisedUsernameBackend().get_user(user.pk) is None

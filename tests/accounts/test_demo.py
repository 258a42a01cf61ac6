from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role, roles_of

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, so that "changes nothing" means exactly that."""
    return {
        model._meta.label: sorted(map(tuple, model._default_manager.values_list()), key=repr)
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@override_settings(DEBUG=True)
def test_seed_creates_agencies_and_one_user_per_role() -> None:
    output = _seed()

    assert Agency.objects.filter(kind=Agency.Kind.DISTRICT).count() == 2
    assert Agency.objects.filter(code="vp-ubnd", kind=Agency.Kind.OFFICE).exists()
    assert Agency.objects.filter(code="ca-tinh", kind=Agency.Kind.POLICE).exists()
    for role in Role:
        user = User.objects.get(username=role.value)
        assert roles_of(user) == {role}
        assert user.check_password("demo-TTDN-2026")
        assert user.agency is not None
        assert user.groups.filter(name=user.agency.group.name).exists()
    assert Agency.objects.get(users__username="agency").kind == Agency.Kind.DEPARTMENT
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert "protocol" in output and "demo-TTDN-2026" in output


@override_settings(DEBUG=True)
def test_a_second_seed_changes_nothing() -> None:
    _seed()
    before = _snapshot()

    output = _seed()

    assert _snapshot() == before
    assert "nothing changed" in output


@override_settings(DEBUG=False)
def test_seed_refuses_with_debug_off() -> None:
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", stdout=StringIO())

    assert not User.objects.exists()


@override_settings(DEBUG=False)
def test_seed_runs_with_debug_off_when_forced() -> None:
    call_command("seed_demo", "--force", stdout=StringIO())

    assert User.objects.filter(username="protocol").exists()

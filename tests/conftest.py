from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from django.utils import translation

from tests.factories import AgencyFactory, UserFactory
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role

# Under CI a missing service is a failure, never a skip (see README, "Tests").
IN_CI = os.environ.get("CI", "").lower() == "true"

pytest_plugins = ["tests.fixtures.worker", "tests.fixtures.browser"]


@pytest.fixture(autouse=True)
def _cache_of_its_own(settings: Any) -> None:
    """Each test counts its own requests: the rate limits and throttles live in the cache, and
    one test's sign-ins must not use up the next one's."""
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}"}
        for name, config in settings.CACHES.items()
    }


@pytest.fixture(autouse=True)
def _test_logins_show_second_factor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test client's ``login``/``force_login`` stands for a whole sign-in: for users who need two
    factors it also gives the code (django-otp's login signal marks the session verified), as the
    browser tests' ``sign_in`` does on the real page. Tests of the second factor itself are marked
    ``two_factor`` and sign in with the password alone."""
    if request.node.get_closest_marker("two_factor"):
        return
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ttdn.accounts.two_factor import AUTHENTICATOR_NAME, TWO_FACTOR_ROLES

    original = Client._login  # type: ignore[attr-defined]

    def login_with_second_factor(self: Client, user: User, backend: str | None = None) -> None:
        original(self, user, backend)
        needs_code = (
            user.is_staff or user.is_superuser or user.groups.filter(name__in=TWO_FACTOR_ROLES).exists()
        )
        if needs_code:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "_login", login_with_second_factor)


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(*roles: Role, **fields: object) -> User:
        return cast(User, UserFactory(roles=list(roles), **fields))

    return make


@pytest.fixture
def agency_factory(db: None) -> type[AgencyFactory]:
    return AgencyFactory


@pytest.fixture
def demo_data(db: None) -> None:
    """The ``seed_demo`` agencies and users. Browser tests ask for it before ``page``: data made
    while Playwright's loop runs would sit on a connection that outlives the test."""
    from django.core.management import call_command

    call_command("seed_demo", "--force", verbosity=0)


@pytest.fixture
def protocol(make_user: Callable[..., User]) -> User:
    return make_user(Role.PROTOCOL)


@pytest.fixture
def leader(make_user: Callable[..., User]) -> User:
    return make_user(Role.LEADER)


@pytest.fixture
def attachment_storage(settings: Any, tmp_path: Path) -> Path:
    """Uploaded files go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "attachments"


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Services and models speak English in tests, so their messages can be matched as written;
    pages still answer in Vietnamese, which the view tests check."""
    with translation.override("en"):
        yield

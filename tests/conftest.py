from __future__ import annotations

import os
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

from __future__ import annotations

import os
from collections.abc import Callable
from typing import cast

import pytest

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

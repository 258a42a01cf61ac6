"""While the shared cache (Redis) is down, pages still work: the session and the reference rows
are read from the database (ttdn/accounts/sessions.py, ttdn/reference.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import make_delegation

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_opens_a_case_and_signs_out_while_the_cache_is_down(
    settings: Any, protocol, caplog: pytest.LogCaptureFixture
) -> None:
    case = make_delegation(actor=protocol)
    settings.CACHES = {"default": {"BACKEND": "tests.fixtures.broken_cache.BrokenCache"}}
    client = Client()
    client.force_login(protocol)

    page = client.get(case.get_absolute_url())

    assert page.status_code == 200
    assert case.title in page.content.decode()
    assert "the database alone is used" in caplog.text
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(case.get_absolute_url()).status_code == 302  # signed out: to the sign-in page

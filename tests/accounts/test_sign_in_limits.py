"""Lockout after wrong passwords, the sign-in and token rate limits, idle sessions, password rules."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "Strong-pass-2026"


@pytest.fixture
def protocol_user(make_user) -> User:
    user = make_user(Role.PROTOCOL)
    user.set_password(PASSWORD)
    user.save()
    return user


def _attempt(client: Client, user: User, password: str, address: str):
    return client.post(
        reverse("login"), {"username": user.username, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_that_user_at_that_address_for_15_minutes(
    client: Client, protocol_user: User
) -> None:
    for _ in range(4):
        assert _attempt(client, protocol_user, "wrong-password", "10.1.1.1").status_code == 200
    assert _attempt(client, protocol_user, "wrong-password", "10.1.1.1").status_code == 429

    locked = _attempt(client, protocol_user, PASSWORD, "10.1.1.1")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # a colleague behind another address is not locked out with them
    assert _attempt(Client(), protocol_user, PASSWORD, "10.1.1.2").status_code == 302

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert _attempt(client, protocol_user, PASSWORD, "10.1.1.1").status_code == 302


def test_the_api_token_is_locked_out_too(client: Client, protocol_user: User) -> None:
    url = reverse("api:token")
    for _ in range(5):
        client.post(
            url, {"username": protocol_user.username, "password": "nope"}, content_type="application/json"
        )

    response = client.post(
        url, {"username": protocol_user.username, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 429
    assert "detail" in response.json()


def test_the_addresses_of_one_ipv6_network_share_the_lockout(client: Client, protocol_user: User) -> None:
    for host in range(1, 6):
        _attempt(client, protocol_user, "wrong-password", f"2001:db8:1:2::{host}")

    assert _attempt(client, protocol_user, PASSWORD, "2001:db8:1:2::99").status_code == 429
    assert _attempt(Client(), protocol_user, PASSWORD, "2001:db8:1:3::1").status_code == 302


def test_one_address_may_try_to_sign_in_only_so_often(client: Client, protocol_user: User, settings) -> None:
    settings.TTDN_LOGIN_RATE = "3/m"
    for _ in range(3):
        _attempt(client, protocol_user, "wrong", "10.2.2.2")

    limited = _attempt(client, protocol_user, PASSWORD, "10.2.2.2")
    assert limited.status_code == 429
    assert "Quá nhiều lần đăng nhập" in limited.content.decode()
    assert _attempt(Client(), protocol_user, PASSWORD, "10.2.2.3").status_code == 302


def test_behind_the_proxy_the_forwarded_address_is_the_clients(
    client: Client, protocol_user: User, settings
) -> None:
    settings.PROXY_COUNT = 1
    settings.TTDN_LOGIN_RATE = "2/m"
    for forged in ("1.1.1.1", "2.2.2.2"):
        client.post(
            reverse("login"),
            {"username": protocol_user.username, "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{forged}, 10.3.3.3",
        )

    # what the client wrote on the left is ignored: 10.3.3.3, added by the proxy, is limited
    response = client.post(
        reverse("login"),
        {"username": protocol_user.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="3.3.3.3, 10.3.3.3",
    )
    assert response.status_code == 429


def test_a_session_ends_after_30_minutes_without_a_request(
    client: Client, protocol_user: User, settings: Any
) -> None:
    # The session is read through the cache (``cached_db``): Redis expires it on its own clock,
    # which the travel below does not move; the process's own cache follows the travelled time.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _attempt(client, protocol_user, PASSWORD, "10.4.4.4")
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=25), tick=False):
        assert client.get(reverse("home")).status_code == 200  # activity moves the end on
    with time_machine.travel(start + datetime.timedelta(minutes=50), tick=False):
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=81), tick=False):
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_session_is_written_once_a_minute_not_on_every_page(client: Client, protocol_user: User) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return sum(query["sql"].startswith('UPDATE "django_session"') for query in captured)

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _attempt(client, protocol_user, PASSWORD, "10.4.4.5")
        client.get(reverse("home"))
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert session_writes() == 0
    with time_machine.travel(start + datetime.timedelta(seconds=90), tick=False):
        assert session_writes() == 1  # the end pushed on
        assert session_writes() == 0


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("short-Pw1", False),  # under 12 characters
        ("onlylowercaseletters", False),  # one kind of character
        ("12345678901234", False),
        ("Bien-gioi-Viet-Lao-2026", True),
    ],
)
def test_passwords_are_long_and_mixed(
    client: Client, protocol_user: User, password: str, accepted: bool
) -> None:
    client.force_login(protocol_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )

    protocol_user.refresh_from_db()
    assert protocol_user.check_password(password) is accepted
    assert response.status_code == (302 if accepted else 200)

"""One user name however it is spelled: the lockout counts, and the sign-in finds, the normalised
name, on the sign-in page, the admin's sign-in and the API's token endpoint alike (issue 16)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.accounts.usernames import normalise_username, user_by_username

pytestmark = pytest.mark.django_db

PASSWORD = "Strong-pass-2026"


def full_width(name: str) -> str:
    return "".join(chr(ord(letter) + 0xFEE0) for letter in name)


# Five spellings of one name: each alone stays under the limit of five.
SPELLINGS = ["police", "Police", " police", "POLICE ", full_width("police")]


@pytest.fixture
def police(make_user) -> User:
    user = make_user(Role.POLICE, username="police")
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(client: Client, username: str, password: str, next_url: str = "") -> int:
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    data = {"username": username, "password": password, **({"next": next_url} if next_url else {})}
    return client.post(url, data, REMOTE_ADDR="10.9.9.9").status_code


def _token(client: Client, username: str, password: str) -> int:
    return client.post(
        reverse("api:token"),
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR="10.9.9.9",
    ).status_code


@pytest.mark.parametrize(
    "spelling", ["police", "Police", "  POLICE\t", full_width("police"), "pol\u200bice", "PoLiCe\u00a0"]
)
def test_every_spelling_is_one_name(spelling: str) -> None:
    assert normalise_username(spelling) == "police"


def test_five_wrong_passwords_under_five_spellings_lock_the_name_on_the_sign_in_page(
    client: Client, police: User
) -> None:
    for spelling in SPELLINGS:
        _sign_in(client, spelling, "wrong-password")

    assert _sign_in(client, "police", PASSWORD) == 429
    assert _sign_in(client, "POLICE", PASSWORD) == 429
    assert "_auth_user_id" not in client.session


def test_the_admins_sign_in_is_locked_out_by_every_spelling_too(client: Client, make_user) -> None:
    admin_user = make_user(Role.ADMIN, username="admin", is_staff=True)
    admin_user.set_password(PASSWORD)
    admin_user.save()
    entry = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert entry.status_code == 302 and entry["Location"].startswith(reverse("login"))  # the site's page

    for spelling in ["admin", "Admin", " ADMIN", "aDmIn ", full_width("admin")]:
        _sign_in(client, spelling, "wrong-password", next_url="/admin/")

    assert _sign_in(client, "admin", PASSWORD, next_url="/admin/") == 429


def test_the_token_endpoint_counts_every_spelling_as_one_name(client: Client, police: User) -> None:
    for spelling in SPELLINGS:
        _token(client, spelling, "wrong-password")

    assert _token(client, "police", PASSWORD) == 429


def test_the_page_and_the_token_endpoint_count_together(client: Client, police: User) -> None:
    for spelling in SPELLINGS[:3]:
        _sign_in(client, spelling, "wrong-password")
    for spelling in SPELLINGS[3:]:
        _token(client, spelling, "wrong-password")

    assert _sign_in(client, "police", PASSWORD) == 429


def test_a_user_signs_in_with_the_name_spelled_otherwise(client: Client, make_user) -> None:
    user = make_user(Role.PROTOCOL, username="nguyen.van.an")
    user.set_password(PASSWORD)
    user.save()

    assert _sign_in(client, "  Nguyen.Van.An ", PASSWORD) == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert _token(Client(), "NGUYEN.VAN.AN", PASSWORD) == 200


def test_a_right_password_resets_the_count_of_every_spelling(client: Client, police: User) -> None:
    for spelling in SPELLINGS[:4]:
        _sign_in(client, spelling, "wrong-password")
    assert _sign_in(Client(), " Police ", PASSWORD) == 302  # signs in (then the second factor)

    for spelling in SPELLINGS[:4]:
        _sign_in(client, spelling, "wrong-password")
    assert _sign_in(client, "police", PASSWORD) == 302


def test_two_users_may_not_have_names_that_differ_in_case_only(police: User, make_user) -> None:
    other = make_user(Role.PROTOCOL, username="police2")
    other.username = "POLICE"

    with pytest.raises(ValidationError, match="user name"):
        other.full_clean()
    assert user_by_username("Police") == police

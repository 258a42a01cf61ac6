"""The API's numeric filters (an NGO's id, a year) answer 400 with the reason under the parameter,
never a 500: digits Python reads but int() does not ("²"), numbers too large for the database,
zero, words."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from tests.api.client import API, _as
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db
# (Beyond 64 bits the site's middleware answers 400 before any view: ttdn.request_checks.)
BAD = ["²", "9223372036854775807", "2147483648", "0", "-3", "abc", "1e3"]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize(
    ("resource", "name"),
    [("ngo-certificates", "ngo"), ("ngo-filings", "ngo"), ("aid-projects", "ngo"), ("aid-projects", "year")],
)
def test_a_bad_number_is_a_400_naming_the_parameter(
    make_user: Callable[..., User], resource: str, name: str, value: str
) -> None:
    api = _as(APIClient(), make_user(Role.PROTOCOL))
    answer = api.get(f"{API}/{resource}/", {name: value})
    assert answer.status_code == 400, answer.content
    assert list(answer.json()) == [name] and answer.json()[name]


@pytest.mark.parametrize("resource", ["ngo-certificates", "ngo-filings", "aid-projects"])
def test_a_good_id_filters(make_user: Callable[..., User], resource: str) -> None:
    api = _as(APIClient(), make_user(Role.PROTOCOL))
    answer = api.get(f"{API}/{resource}/", {"ngo": "2147483647"})
    assert answer.status_code == 200 and answer.json()["results"] == []


@pytest.mark.parametrize("field", ["sector", "communes"])
def test_a_code_no_record_can_have_is_a_400_not_a_database_error(
    make_user: Callable[..., User], field: str
) -> None:
    """PostgreSQL refuses a NUL character in any text it compares: such a code is refused before."""
    api = _as(APIClient(), make_user(Role.PROTOCOL))
    code = "\x00water"
    answer = api.post(f"{API}/aid-projects/", {field: [code] if field == "communes" else code}, format="json")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()

"""At national scale the lists take the same number of queries for a few rows as for many
(issue 18): every row's data comes with the page, never one query per row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_agency, make_delegation, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db


def _queries(read: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def _cases(protocol, host, count: int) -> None:
    for _ in range(count):
        case_submit(actor=protocol, case=make_delegation(actor=protocol, co_hosts=[host], participants=2))


@pytest.mark.parametrize("role", ["police", "agency", "protocol"])
def test_the_case_list_and_the_api_list_do_not_grow_with_the_rows(protocol, make_user, role) -> None:
    host = make_agency()
    user = {"police": police_officer, "agency": lambda: make_user(Role.AGENCY, agency=host),
            "protocol": lambda: protocol}[role]()  # fmt: skip
    client = Client()
    client.force_login(user)
    api = _as(APIClient(), user)
    reads = {
        "page": lambda: client.get("/cases/"),
        "sorted and searched": lambda: client.get("/cases/", {"sort": "-start_date", "q": "doan"}),
        "api": lambda: api.get(f"{API}/delegations/"),
    }
    _cases(protocol, host, 2)
    few = {name: _queries(read) for name, read in reads.items()}
    _cases(protocol, host, 8)
    many = {name: _queries(read) for name, read in reads.items()}

    assert many == few
    assert max(many.values()) <= 15

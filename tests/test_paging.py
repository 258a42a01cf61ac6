"""Every list shows 25, 50 or 100 rows a page as the user chooses, the API up to 100; the page
links keep the filters and the size."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_agency, make_delegation, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db


def test_the_case_list_shows_the_rows_a_page_the_user_chose(client: Client, protocol) -> None:
    for _ in range(30):
        make_delegation(actor=protocol)
    client.force_login(protocol)

    default = client.get(reverse("cases:list"))
    chosen = client.get(reverse("cases:list"), {"per_page": "50", "q": "doan"})
    unknown = client.get(reverse("cases:list"), {"per_page": 7})

    assert len(default.context["page"]) == 25
    assert len(chosen.context["page"]) == 30
    assert len(unknown.context["page"]) == 25  # not a size offered: the list's own
    assert 'href="?per_page=100"' in default.content.decode()
    assert "Số dòng mỗi trang" in default.content.decode()
    assert "page=2" in default.content.decode() and "per_page=25" not in default.content.decode()
    next_link = client.get(reverse("cases:list"), {"per_page": "25", "q": "doan"}).content.decode()
    assert "per_page=25&amp;q=doan&amp;page=2" in next_link  # the filters and the size kept


def test_the_review_queue_has_pages_of_the_chosen_size(client: Client, protocol, make_user) -> None:
    host = make_agency()
    for _ in range(27):
        case_submit(actor=protocol, case=make_delegation(actor=protocol, co_hosts=[host]))
    client.force_login(police_officer())

    first = client.get(reverse("cases:review_queue"))
    second = client.get(reverse("cases:review_queue"), {"page": 2})
    everything = client.get(reverse("cases:review_queue"), {"per_page": 50})

    assert (len(first.context["page"]), len(second.context["page"])) == (25, 2)
    assert len(everything.context["page"]) == 27
    assert "page=2" in first.content.decode()


def test_the_api_gives_up_to_100_rows_a_page(protocol, make_user) -> None:
    for _ in range(3):
        make_delegation(actor=protocol)
    api = _as(APIClient(), make_user(Role.LEADER))

    two = api.get(f"{API}/delegations/", {"page_size": 2}).json()
    capped = api.get(f"{API}/delegations/", {"page_size": 1000}).json()

    assert (two["count"], len(two["results"])) == (3, 2)
    assert "page_size=2" in two["next"]
    assert len(capped["results"]) == 3  # at most 100, and here all there are

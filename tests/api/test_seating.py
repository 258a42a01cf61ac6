"""The order of precedence in the API: hosts and ranks read by who sees the case, written by who
may edit it; the PDFs by URL; 404 for who may not see the case."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(protocol) -> Case:
    return make_delegation(actor=protocol, participants=2)


def test_protocol_puts_the_hosts_and_reads_them_back(api: APIClient, case, protocol) -> None:
    _as(api, protocol)
    url = f"{API}/cases/{case.pk}/hosts/"
    rows = [
        {"name": "Nguyễn Văn A", "position": "Chủ tịch", "rank": 1, "agency": case.lead_agency.code},
        {"name": "Trần B", "position": "Phó Giám đốc", "rank": 2},
    ]

    put = api.put(url, rows, format="json")

    assert put.status_code == 200, put.json()
    head = put.json()[0]
    assert (head["name"], head["agency"]) == ("Nguyễn Văn A", case.lead_agency.code)
    again = api.put(url, [{**rows[0], "id": head["id"], "rank": 1}], format="json")
    assert [host["id"] for host in again.json()] == [head["id"]]
    assert [host["name"] for host in api.get(url).json()] == ["Nguyễn Văn A"]


def test_duplicate_ranks_are_a_400_and_change_nothing(api: APIClient, case, protocol) -> None:
    _as(api, protocol)
    one, two = case.participants.all()

    response = api.patch(
        f"{API}/cases/{case.pk}/ranks/",
        [{"participant": one.pk, "rank": 1}, {"participant": two.pk, "rank": 1}],
        format="json",
    )

    assert response.status_code == 400
    assert "1" in response.json()["detail"]
    assert not case.participants.filter(rank__isnull=False).exists()
    ok = api.patch(f"{API}/cases/{case.pk}/ranks/", [{"participant": two.pk, "rank": 1}], format="json")
    assert [(row["participant"], row["rank"]) for row in ok.json()] == [(one.pk, None), (two.pk, 1)]
    assert api.get(f"{API}/delegations/{case.pk}/").json()["participants"][1]["rank"] == 1


def test_a_host_agency_reads_but_may_not_write(api: APIClient, case, make_user) -> None:
    _as(api, make_user(Role.AGENCY, agency=case.lead_agency))

    assert api.get(f"{API}/cases/{case.pk}/hosts/").status_code == 200
    assert api.get(f"{API}/cases/{case.pk}/ranks/").status_code == 200
    assert api.put(f"{API}/cases/{case.pk}/hosts/", [], format="json").status_code == 403
    assert api.patch(f"{API}/cases/{case.pk}/ranks/", [], format="json").status_code == 403


@pytest.mark.parametrize("path", ["hosts/", "ranks/", "precedence.pdf", "seating.pdf"])
def test_who_may_not_see_the_case_gets_404(api: APIClient, case, make_user, path: str) -> None:
    _as(api, make_user(Role.AGENCY))

    assert api.get(f"{API}/cases/{case.pk}/{path}").status_code == 404


@pytest.mark.parametrize("path", ["precedence.pdf", "seating.pdf"])
def test_the_pdfs_by_url(api: APIClient, case, protocol, path: str) -> None:
    _as(api, protocol)

    response = api.get(f"{API}/cases/{case.pk}/{path}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


# Review findings of issue 20 ------------------------------------------------------------------


def test_a_rank_beyond_the_bound_is_a_400_with_a_clear_message(api: APIClient, case, protocol) -> None:
    _as(api, protocol)
    one = case.participants.first()

    hosts = api.put(
        f"{API}/cases/{case.pk}/hosts/", [{"name": "A", "position": "Chủ tịch", "rank": 32768}], format="json"
    )
    ranks = api.patch(f"{API}/cases/{case.pk}/ranks/", [{"participant": one.pk, "rank": 1000}], format="json")
    patched = api.patch(
        f"{API}/delegations/{case.pk}/",
        {"participants": [{"full_name": "X", "nationality": "JP", "rank": 1000}]},
        format="json",
    )

    for response in (hosts, ranks, patched):
        assert response.status_code == 400
        assert "999" in str(response.json())
    assert not case.hosts.exists() and not case.participants.filter(rank__isnull=False).exists()


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("hosts/", "api host officials"),
        ("ranks/", "api order of the guests"),
        ("precedence.pdf", "order of precedence"),
        ("seating.pdf", "seating plan"),
    ],
)
def test_a_read_of_a_restricted_case_is_logged(api: APIClient, protocol, path: str, detail: str) -> None:
    from ttdn.cases.models import AccessLog

    restricted = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED)
    _as(api, protocol)

    assert api.get(f"{API}/cases/{restricted.pk}/{path}").status_code == 200

    logged = AccessLog.objects.filter(case=restricted, action=AccessLog.Action.VIEW_RESTRICTED)
    assert list(logged.values_list("user", "detail")) == [(protocol.pk, detail)]


def test_the_api_pdfs_are_shown_inline_never_cached(api: APIClient, case, protocol) -> None:
    _as(api, protocol)

    response = api.get(f"{API}/cases/{case.pk}/precedence.pdf")

    assert response["Content-Disposition"] == f'inline; filename="{case.reference}-precedence.pdf"'
    assert response["Cache-Control"] == "no-store"

"""The search boxes' lookups: registered persons and cases as one types, through the access policy."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ensure_police_agency, make_agency, make_delegation, person_data
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case
from ttdn.cases.selectors import LOOKUP_LIMIT
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update
from ttdn.cases.services.workflow import case_transition

pytestmark = pytest.mark.django_db

_passports = itertools.count(1)
PEOPLE = reverse("cases:people_lookup")
CASES = reverse("cases:cases_lookup")


def _with_people(case: Case, protocol, *names: str) -> Case:
    rows = [ParticipantData(person_data(name, "DE", f"C{next(_passports):08d}")) for name in names]
    case_update(actor=protocol, case=case, data=CaseData(fields={}, participants=rows))
    return case


def _found(client: Client, url: str, query: str) -> list[dict]:
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.json()["results"]


def test_protocol_finds_a_registered_person_by_part_of_the_name_with_what_tells_namesakes_apart(
    client: Client, protocol
) -> None:
    case = make_delegation(actor=protocol, participants=0)
    _with_people(case, protocol, "Jürgen Müller", "Anna Schmidt")
    client.force_login(protocol)

    found = _found(client, PEOPLE, "müll")

    assert [person["text"] for person in found] == ["Jürgen Müller"]
    assert found[0]["nationality"] == "DE"
    # No passport number leaves the server: the row links the person by their id.
    assert set(found[0]) == {
        "value",
        "text",
        "nationality",
        "nationality_name",
        "born",
        "sex",
        "position",
        "organisation",
    }
    assert "C0000000" not in str(found)
    assert _found(client, PEOPLE, "schmidt anna")[0]["text"] == "Anna Schmidt"  # every word, any order
    assert _found(client, PEOPLE, "Nobody") == []
    assert _found(client, PEOPLE, "  ") == []


def test_who_may_not_see_a_persons_identity_is_offered_nobody(client: Client, make_user, protocol) -> None:
    host = make_agency()
    case = make_delegation(actor=protocol, participants=0, co_hosts=[host])
    _with_people(case, protocol, "Anna Schmidt")
    secret = make_delegation(actor=protocol, participants=0, access_level=Case.AccessLevel.RESTRICTED)
    _with_people(secret, protocol, "Karl Geheim")
    for user in [make_user(Role.AGENCY, agency=host), make_user(Role.LEADER), make_user()]:
        client.force_login(user)
        assert _found(client, PEOPLE, "Anna") == []
    # Another protocol officer, without the need to know of the restricted case, is not offered
    # its participants; its creator is.
    client.force_login(make_user(Role.PROTOCOL, agency=protocol.agency))
    assert [p["text"] for p in _found(client, PEOPLE, "a")] == ["Anna Schmidt"]
    client.force_login(protocol)
    assert [p["text"] for p in _found(client, PEOPLE, "a")] == ["Anna Schmidt", "Karl Geheim"]


def test_police_are_offered_the_persons_of_the_cases_referred_to_them(
    client: Client, make_user, protocol
) -> None:
    case = _with_people(make_delegation(actor=protocol, participants=0), protocol, "Anna Schmidt")
    client.force_login(make_user(Role.POLICE, agency=ensure_police_agency()))
    assert _found(client, PEOPLE, "Anna") == []

    case_transition(actor=protocol, case=case, name="submit")

    assert [p["text"] for p in _found(client, PEOPLE, "Anna")] == ["Anna Schmidt"]


def test_an_anonymous_visitor_gets_no_person_and_no_case(client: Client, protocol) -> None:
    _with_people(
        make_delegation(actor=protocol, participants=0, title="Đoàn Berlin"), protocol, "Anna Schmidt"
    )
    for url, query in [(PEOPLE, "Anna"), (CASES, "Berlin")]:
        response = client.get(url, {"q": query})
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
        assert b"Anna" not in response.content and b"Berlin" not in response.content


def test_cases_are_found_without_diacritics_among_those_the_user_may_see(
    client: Client, make_user, protocol
) -> None:
    host = make_agency()
    hosted = make_delegation(actor=protocol, participants=0, co_hosts=[host], title="Đoàn Hà Giang")
    make_delegation(actor=protocol, participants=0, title="Đoàn Hà Nội")
    client.force_login(protocol)
    assert {case["value"] for case in _found(client, CASES, "doan ha")} == set(
        Case.objects.values_list("pk", flat=True)
    )
    assert _found(client, CASES, "ha giang") == [
        {"value": hosted.pk, "text": f"{hosted.reference} · Đoàn Hà Giang"}
    ]
    assert _found(client, CASES, hosted.reference.lower())[0]["value"] == hosted.pk

    client.force_login(make_user(Role.AGENCY, agency=host))
    assert [case["value"] for case in _found(client, CASES, "doan ha")] == [hosted.pk]
    client.force_login(make_user())
    assert _found(client, CASES, "doan") == []


@pytest.mark.parametrize("url", [PEOPLE, CASES])
def test_a_lookup_answers_a_few_matches_in_the_same_queries_however_many_exist(
    client: Client, protocol, django_assert_num_queries, url: str
) -> None:
    case = make_delegation(actor=protocol, participants=0, title="Đoàn Muster")
    _with_people(case, protocol, *[f"Muster {n}" for n in range(3)])
    client.force_login(protocol)
    client.get(url, {"q": "muster"})  # the session and the roles, read once
    with CaptureQueriesContext(connection) as few:
        assert _found(client, url, "muster")
    for n in range(LOOKUP_LIMIT + 5):
        make_delegation(actor=protocol, participants=0, title=f"Đoàn Muster {n}")
    _with_people(case, protocol, *[f"Muster {n}" for n in range(LOOKUP_LIMIT + 5)])
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(_found(client, url, "muster")) == LOOKUP_LIMIT

"""A data subject's requests: export everything about a person, correct it; logged; only for
those who may see identity data."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ensure_police_agency, make_agency, make_delegation, person_data
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, Person
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update
from ttdn.cases.services.people import person_find_or_create
from ttdn.cases.services.workflow import case_transition

pytestmark = pytest.mark.django_db

PASSPORT = "TK1234567"


@pytest.fixture
def hosted(protocol):
    host = make_agency()
    case = make_delegation(actor=protocol, co_hosts=[host], participants=0, title="Đoàn Chiba")
    case_update(
        actor=protocol,
        case=case,
        data=CaseData(
            fields={},
            co_host_agencies=[host],
            participants=[ParticipantData(person_data("Tanaka Hiroshi", "JP", PASSPORT), role="head")],
        ),
    )
    return case, host, Person.objects.with_passport(PASSPORT).get()


def _export(client: Client, user, person: Person):
    client.force_login(user)
    return client.get(reverse("cases:person_export", kwargs={"pk": person.pk}), REMOTE_ADDR="10.1.2.3")


def test_protocol_downloads_everything_held_about_the_person(
    client: Client, make_user, protocol, hosted
) -> None:
    case, _host, person = hosted
    colleague = make_user(Role.PROTOCOL)
    hidden = make_delegation(actor=colleague, participants=0, access_level="restricted")
    case_update(
        actor=colleague,
        case=hidden,
        data=CaseData(
            fields={}, participants=[ParticipantData(person_data("Tanaka Hiroshi", "JP", PASSPORT))]
        ),
    )

    response = _export(client, protocol, person)

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    data = json.loads(response.content)
    assert data["person"]["passport_number"] == PASSPORT
    assert data["person"]["full_name"] == "Tanaka Hiroshi"
    assert "passport_hash" not in data["person"]
    assert data["participations"][0] == {
        "case": case.reference,
        "title": "Đoàn Chiba",
        "kind": "delegation",
        "status": case.status,
        "role": "head",
        "start_date": case.start_date.isoformat(),
        "end_date": case.end_date.isoformat(),
    }
    assert data["participations_not_shown"] == 1  # the restricted case protocol is not on
    assert data["history"][0]["action"] == "created"
    assert data["history"][0]["data"]["passport_number"] == PASSPORT
    log = AccessLog.objects.get(case=case)
    assert (log.user, log.action, log.ip_address) == (protocol, "person_export", "10.1.2.3")


def test_who_may_not_see_identity_data_gets_nothing(client: Client, make_user, hosted) -> None:
    _case, host, person = hosted
    for user in [make_user(Role.AGENCY, agency=host), make_user(Role.LEADER), make_user()]:
        assert _export(client, user, person).status_code == 404
        client.force_login(user)
        page = reverse("cases:person_correct", kwargs={"pk": person.pk})
        assert client.get(page).status_code == 404
        assert client.post(page, {"request_reference": "x", "full_name": "Evil"}).status_code == 404
    assert not AccessLog.objects.exists()
    person.refresh_from_db()
    assert person.full_name == "Tanaka Hiroshi"


def test_police_may_only_for_the_cases_referred_to_them(client: Client, make_user, protocol, hosted) -> None:
    case, _host, person = hosted
    officer = make_user(Role.POLICE, agency=ensure_police_agency())
    assert _export(client, officer, person).status_code == 404

    case_transition(actor=protocol, case=case, name="submit")

    assert _export(client, officer, person).status_code == 200


def test_a_correction_needs_the_request_and_is_in_the_history_and_the_log(
    client: Client, protocol, hosted
) -> None:
    case, _host, person = hosted
    client.force_login(protocol)
    page = reverse("cases:person_correct", kwargs={"pk": person.pk})
    form = {"full_name": "Tanaka Hiroshi", "sex": "male", "passport_number": "tk 7654321", "position": ""}

    assert client.get(page).status_code == 200
    response = client.post(page, form)
    assert response.status_code == 200 and "request_reference" in response.context["form"].errors

    response = client.post(page, {**form, "request_reference": "Thư ngày 02/03/2026"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.passport_number, person.sex) == ("TK7654321", "male")
    assert Person.objects.with_passport("TK7654321").get() == person
    last = person.history.order_by("-history_date").first()
    assert last.history_user == protocol
    event = case.events.get(code="person.corrected")
    assert (event.actor, event.text) == (protocol, "Thư ngày 02/03/2026")
    assert event.data["person"] == person.pk and "passport_number" in event.data["fields"]
    log = AccessLog.objects.get(case=case)
    assert log.action == "person_correct"
    assert "passport_number" in log.detail and "Thư ngày 02/03/2026" in log.detail


def test_a_long_request_reference_is_kept_whole_and_one_past_the_limit_refused(
    client: Client, protocol, hosted
) -> None:
    case, _host, person = hosted
    client.force_login(protocol)
    page = reverse("cases:person_correct", kwargs={"pk": person.pk})
    form = {"full_name": "Tanaka Hiroshi", "sex": "male", "passport_number": PASSPORT, "position": "Giám đốc"}
    reference = (
        "Đơn đề nghị của ông Tanaka ngày 02/03/2026, gửi qua Sở Ngoại vụ, kèm bản sao hộ chiếu. " * 6
    )[:500]

    refused = client.post(page, {**form, "request_reference": "x" * 2001})
    assert "request_reference" in refused.context["form"].errors
    assert not case.events.filter(code="person.corrected").exists()

    assert client.post(page, {**form, "request_reference": reference}).status_code == 302
    assert case.events.get(code="person.corrected").text == reference.strip()
    exported = _export(client, protocol, person).json()
    assert [e["text"] for e in exported["events"]] == [reference.strip()]


def test_a_correction_to_another_persons_passport_is_refused(client: Client, protocol, hosted) -> None:
    _case, _host, person = hosted
    person_find_or_create(data=person_data("Sato Yuki", "JP", "TR0000001"))
    client.force_login(protocol)

    response = client.post(
        reverse("cases:person_correct", kwargs={"pk": person.pk}),
        {
            "full_name": "Tanaka Hiroshi",
            "sex": "male",
            "passport_number": "TR0000001",
            "request_reference": "x",
        },
    )

    assert response.status_code == 200
    assert "Đã có người mang số hộ chiếu và quốc tịch này." in response.content.decode()
    person.refresh_from_db()
    assert person.passport_number == PASSPORT


def test_the_case_page_links_the_person_for_who_may_correct(
    client: Client, make_user, protocol, hosted
) -> None:
    case, host, person = hosted
    link = reverse("cases:person_correct", kwargs={"pk": person.pk})
    client.force_login(protocol)
    assert link in client.get(case.get_absolute_url()).content.decode()
    client.force_login(make_user(Role.AGENCY, agency=host))
    assert link not in client.get(case.get_absolute_url()).content.decode()


def test_the_page_has_no_inline_script_or_style(client: Client, protocol, hosted) -> None:
    _case, _host, person = hosted
    client.force_login(protocol)
    page = client.get(reverse("cases:person_correct", kwargs={"pk": person.pk})).content.decode()
    main = page.split("<main", 1)[-1].split("</main>", 1)[0]
    assert "<script" not in main and " style=" not in main and "<style" not in main

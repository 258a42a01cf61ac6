"""The conference's pages and API: protocol creates and edits it; the case page shows its dossier
and the agencies consulted; an agency asked sees the case and records its answer. Every page and
API call answers 404 to whoever may not see the case."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conferences.models import ApprovalRule, Conference, ConsultedAgency
from conferences.services import consultation_add
from tests.api.client import API, _as
from tests.factories import ensure_police_agency, make_agency, make_conference
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, Organisation

pytestmark = pytest.mark.django_db
START = datetime.date(2027, 3, 3)


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _form(user: User, **overrides: Any) -> dict[str, Any]:
    rule = ApprovalRule.objects.get(above_province=True)
    partner = Organisation.objects.create(name="WWF", kind="international_organisation", country="CH")
    data: dict[str, Any] = {
        "direction": "inbound", "mode": "mixed", "access_level": "normal", "title": "Hội thảo đa dạng sinh học",
        "start_date": _d(START), "end_date": _d(START + datetime.timedelta(days=1)), "countries": ["CH", "DE"],
        "lead_agency": user.agency_id, "responsible_officer": user.pk,
        "organiser": "Trường Đại học Tân Trào", "co_organisers": [partner.pk], "topic": "Bảo tồn",
        "venue": "Hội trường", "foreign_participants": "12", "vietnamese_participants": "60", "funding": "foreign",
        "foreign_funding_amount": "500000000", "approval_rule": rule.pk,
        "participants-TOTAL_FORMS": "1", "participants-INITIAL_FORMS": "0",
        "participants-0-full_name": "Anna Müller", "participants-0-nationality": "DE",
        "participants-0-sex": "unspecified", "participants-0-role": "member",
        "programme-TOTAL_FORMS": "0", "programme-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_protocol_creates_a_mixed_conference_approved_above_the_province(client: Client, protocol) -> None:
    ensure_police_agency()
    client.force_login(protocol)

    response = client.post(reverse("conferences:create"), _form(protocol))

    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    record = Conference.objects.get(case=case)
    assert (case.reference[:3], case.mode, record.mode) == ("HN-", "in_person", "mixed")
    assert record.dossier_due_on == START - datetime.timedelta(days=40)
    assert [o.name for o in record.co_organisers.all()] == ["WWF"]
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Bảo tồn" in page and 'id="consulted"' in page and 'id="dossier"' in page


def test_foreign_funding_without_its_amount_is_refused_on_the_page(client: Client, protocol) -> None:
    ensure_police_agency()
    client.force_login(protocol)

    response = client.post(reverse("conferences:create"), _form(protocol, foreign_funding_amount=""))

    assert response.status_code == 400
    assert not Case.objects.exists()


def test_protocol_edits_a_conference_and_the_page_keeps_its_form(client: Client, protocol) -> None:
    case = make_conference(actor=protocol, mode="mixed")
    client.force_login(protocol)
    url = reverse("conferences:edit", kwargs={"pk": case.pk})

    assert client.get(url).context["form"]["mode"].value() == "mixed"
    data = _form(
        protocol, venue="Khách sạn Mường Thanh", mode="online", funding="organiser", foreign_funding_amount=""
    )
    response = client.post(url, {**data, "participants-0-passport_number": ""})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert (Conference.objects.get(case=case).venue, Case.objects.get(pk=case.pk).mode) == (
        "Khách sạn Mường Thanh",
        "online",
    )


def test_protocol_asks_an_agency_which_then_answers_on_the_page(client: Client, make_user, protocol) -> None:
    asked = make_agency()
    staff = make_user(Role.AGENCY, agency=asked)
    case = make_conference(actor=protocol)
    client.force_login(protocol)

    response = client.post(
        reverse("conferences:consultation_add", kwargs={"pk": case.pk}),
        {"agency": asked.pk, "asked_on": "04/01/2027"},
    )

    consultation = ConsultedAgency.objects.get()
    assert response["Location"].endswith("#consulted")
    assert consultation.due_on == datetime.date(2027, 1, 13)  # 7 working days
    client.force_login(staff)
    assert client.get(case.get_absolute_url()).status_code == 200
    url = reverse("conferences:opinion_record", kwargs={"pk": case.pk, "consultation_pk": consultation.pk})
    assert client.post(url, {"answered_on": "06/01/2027", "opinion": "Đồng ý."}).status_code == 302
    assert ConsultedAgency.objects.get().opinion == "Đồng ý."


def test_every_page_and_api_call_is_missing_to_whoever_may_not_see_the_case(
    client: Client, make_user, protocol
) -> None:
    case = make_conference(actor=protocol)
    asked_elsewhere = make_agency()
    consultation = consultation_add(actor=protocol, case=case, agency=asked_elsewhere, asked_on=START)
    outsider = make_user(Role.AGENCY, agency=make_agency())
    client.force_login(outsider)
    pages = [
        reverse("conferences:consultation_add", kwargs={"pk": case.pk}),
        reverse("conferences:opinion_record", kwargs={"pk": case.pk, "consultation_pk": consultation.pk}),
        case.get_absolute_url(),
    ]

    assert [client.get(url).status_code for url in pages] == [404] * 3
    assert [client.post(url, {}).status_code for url in pages[:2]] == [404] * 2
    # The edit page looks the case up before the role: a 404, as every page of a case unseen.
    assert client.get(reverse("conferences:edit", kwargs={"pk": case.pk})).status_code == 404
    api = _as(APIClient(), outsider)
    assert api.get(f"{API}/conferences/").json()["results"] == []
    assert api.get(f"{API}/conferences/{case.pk}/").status_code == 404
    assert api.patch(f"{API}/conferences/{case.pk}/", {"venue": "X"}, format="json").status_code in (403, 404)
    assert Conference.objects.get(case=case).venue == "Hội trường"


def test_a_protocol_officer_who_may_not_see_a_restricted_conference_gets_404_everywhere(
    make_user, protocol
) -> None:
    case = make_conference(actor=protocol, access_level="restricted")
    other = make_user(Role.PROTOCOL, agency=protocol.agency)
    api = _as(APIClient(), other)

    assert api.get(f"{API}/conferences/{case.pk}/").status_code == 404
    assert api.patch(f"{API}/conferences/{case.pk}/", {"venue": "X"}, format="json").status_code == 404
    consultation = consultation_add(actor=protocol, case=case, agency=make_agency(), asked_on=START)
    client = Client()
    client.force_login(other)
    for url in (
        reverse("conferences:edit", kwargs={"pk": case.pk}),
        reverse("conferences:consultation_add", kwargs={"pk": case.pk}),
        reverse("conferences:opinion_record", kwargs={"pk": case.pk, "consultation_pk": consultation.pk}),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_an_agency_asked_cannot_open_another_agency_s_answer(client: Client, make_user, protocol) -> None:
    mine, theirs = make_agency(), make_agency()
    case = make_conference(actor=protocol)
    consultation_add(actor=protocol, case=case, agency=mine, asked_on=START)
    other = consultation_add(actor=protocol, case=case, agency=theirs, asked_on=START)
    client.force_login(make_user(Role.AGENCY, agency=mine))

    url = reverse("conferences:opinion_record", kwargs={"pk": case.pk, "consultation_pk": other.pk})

    assert client.get(url).status_code == 404


def test_the_consultation_pages_of_another_kind_of_case_are_missing(client: Client, protocol) -> None:
    from tests.factories import make_delegation

    case = make_delegation(actor=protocol)
    client.force_login(protocol)

    assert client.get(reverse("conferences:consultation_add", kwargs={"pk": case.pk})).status_code == 404
    assert client.get(reverse("conferences:edit", kwargs={"pk": case.pk})).status_code == 404


def test_the_api_creates_reads_and_patches_a_conference(protocol) -> None:
    ensure_police_agency()
    rule = ApprovalRule.objects.get(above_province=False)
    partner = Organisation.objects.create(name="KOICA", kind="international_organisation", country="KR")
    body = {
        "title": "Hội nghị hợp tác giáo dục", "direction": "inbound", "start_date": "2027-03-03",
        "end_date": "2027-03-04", "lead_agency": protocol.agency.code, "countries": ["KR"],
        "participants": [{"full_name": "Kim Min-jun", "nationality": "KR", "role": "member"}],
        "mode": "online", "organiser": "Sở Giáo dục", "co_organisers": [partner.pk], "topic": "Giáo dục",
        "venue": "Trực tuyến", "foreign_participants": 5, "vietnamese_participants": 40, "funding": "foreign",
        "approval_rule": rule.pk,
    }  # fmt: skip
    client = _as(APIClient(), protocol)

    refused = client.post(f"{API}/conferences/", body, format="json")
    assert refused.status_code == 400 and "foreign_funding_amount" in refused.json()
    assert not Case.objects.exists()
    created = client.post(
        f"{API}/conferences/", {**body, "foreign_funding_amount": 120_000_000}, format="json"
    )

    assert created.status_code == 201, created.json()
    row = created.json()
    assert (row["kind"], row["mode"], row["co_organisers"], row["dossier_due_on"]) == (
        "conference", "online", [partner.pk], "2027-02-01"
    )  # fmt: skip
    patched = client.patch(
        f"{API}/conferences/{row['id']}/", {"venue": "Điểm cầu Tuyên Quang"}, format="json"
    )
    assert patched.status_code == 200, patched.json()
    assert (patched.json()["venue"], patched.json()["mode"]) == ("Điểm cầu Tuyên Quang", "online")
    assert Case.objects.get().mode == "online"


def test_each_role_opens_the_conference_s_pages_without_error_under_the_strict_policy(
    make_user, protocol
) -> None:
    from tests.test_security_headers import assert_strict_csp

    asked = make_agency()
    case = make_conference(actor=protocol, sensitive_topics=True, mode="mixed")
    consultation = consultation_add(actor=protocol, case=case, agency=asked, asked_on=START)
    walkers = {
        "protocol": (protocol, {200}),
        "leader": (make_user(Role.LEADER), {200, 403}),
        "admin": (make_user(Role.ADMIN, is_staff=True), {200, 403}),
        "police": (make_user(Role.POLICE), {200, 403, 404}),
        "asked": (make_user(Role.AGENCY, agency=asked), {200, 403}),
        "lead agency": (make_user(Role.AGENCY, agency=case.lead_agency), {200, 403, 404}),
    }
    pages = [
        case.get_absolute_url(),
        reverse("conferences:edit", kwargs={"pk": case.pk}),
        reverse("conferences:consultation_add", kwargs={"pk": case.pk}),
        reverse("conferences:opinion_record", kwargs={"pk": case.pk, "consultation_pk": consultation.pk}),
    ]
    client = Client()
    for name, (user, allowed) in walkers.items():
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            assert response.status_code in allowed, (name, url, response.status_code)
            if response.status_code == 200:
                assert_strict_csp(response)
    client.force_login(walkers["asked"][0])
    assert client.get(case.get_absolute_url()).status_code == 200

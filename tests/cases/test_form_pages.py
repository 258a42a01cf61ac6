"""The small forms of the case page on pages of their own (issue 19): opened only by who may use
them, sent with a mistake they come back with the error beside the field and what was typed
kept, and nothing is saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case

pytestmark = pytest.mark.django_db

PAGES = ["cases:attachment_upload", "cases:secrecy_mark_add"]


@pytest.fixture
def case(protocol) -> Case:
    return make_delegation(actor=protocol)


@pytest.mark.parametrize("name", PAGES)
def test_protocol_opens_the_form_on_its_own_page(client: Client, case, protocol, name: str) -> None:
    client.force_login(protocol)
    response = client.get(reverse(name, kwargs={"pk": case.pk}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<form" in page and f'href="{case.get_absolute_url()}#' in page  # and the way back


@pytest.mark.parametrize("name", PAGES)
def test_a_host_agency_sees_the_case_but_not_the_protocol_forms(
    client: Client, case, make_user, name
) -> None:
    client.force_login(make_user(Role.AGENCY, agency=case.lead_agency))
    assert client.get(case.get_absolute_url()).status_code == 200

    assert client.get(reverse(name, kwargs={"pk": case.pk})).status_code == 403


@pytest.mark.parametrize("name", [*PAGES, "cases:review_answer", "cases:review_waive"])
def test_a_user_who_may_not_see_the_case_gets_nothing(client: Client, case, make_user, name) -> None:
    client.force_login(make_user(Role.AGENCY))  # another agency: not a host

    response = client.get(reverse(name, kwargs={"pk": case.pk}))

    assert response.status_code == 404
    assert case.title not in response.content.decode()


def test_a_form_sent_with_a_mistake_keeps_what_was_typed_and_saves_nothing(
    client: Client, case, protocol
) -> None:
    client.force_login(protocol)

    response = client.post(
        reverse("cases:secrecy_mark_add", kwargs={"pk": case.pk}),
        {"title": "Biên bản hội đàm", "level": "mat", "custodian": "Văn thư"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Biên bản hội đàm"' in page and 'value="Văn thư"' in page
    assert page.count('class="field field--error') == 2  # register number, protection period
    assert "Chưa lưu gì" in page
    assert not case.secrecy_marks.exists()


def test_a_refused_file_is_said_beside_the_file_field(
    client: Client, case, protocol, attachment_storage
) -> None:
    client.force_login(protocol)

    response = client.post(
        reverse("cases:attachment_upload", kwargs={"pk": case.pk}),
        {
            "file": SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
            "kind": "request_letter",
            "description": "Thư",
        },
    )

    assert response.status_code == 200
    assert 'class="field field--error' in response.content.decode()
    assert 'value="Thư"' in response.content.decode()
    assert not case.attachments.exists()


def test_access_is_given_on_its_own_page_of_a_restricted_case_only(
    client: Client, protocol, make_user
) -> None:
    open_case = make_delegation(actor=protocol)
    restricted = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED)
    client.force_login(protocol)
    url = reverse("cases:access_change", kwargs={"pk": restricted.pk, "action": "grant"})

    assert (
        client.get(reverse("cases:access_change", kwargs={"pk": open_case.pk, "action": "grant"})).status_code
        == 404
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200 and "Chưa lưu gì" in response.content.decode()

    colleague = make_user(Role.AGENCY)
    response = client.post(url, {"user": colleague.pk})
    assert response.status_code == 302
    assert colleague.get_full_name() in client.get(restricted.get_absolute_url()).content.decode()

"""The guests' language and the translations beside the Vietnamese: entered on the case's edit
page and over the API, shown on the case page; a translation alone never sends an approved case
back to the police (what they cleared, where and what happens, has not changed)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from tests.cases.test_edit_review import posted
from tests.factories import make_delegation, police_clear
from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.services.workflow import case_approve, case_submit
from ttdn.languages import GUEST_LANGUAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(protocol: User, leader: User) -> Case:
    case = make_delegation(actor=protocol, programme=1)
    case = case_submit(actor=protocol, case=case)
    return case_approve(actor=leader, case=police_clear(case))


def _edit(client: Client, case: Case, **changes: str):
    url = reverse("delegations:edit", kwargs={"pk": case.pk})
    data = posted(client.get(url).context["editor"])
    data.update(changes)
    return client.post(url, data)


def test_translations_entered_on_the_edit_page_are_saved_and_keep_the_approval(
    client: Client, protocol: User, approved: Case
) -> None:
    client.force_login(protocol)
    response = _edit(
        client,
        approved,
        guest_language="zh-hans",
        **{
            "programme-0-summary_translated": "与省领导会谈",
            "programme-0-place_translated": "省人民委员会",
            "programme-0-hosts_translated": "副主席",
            "participants-0-name_in_script": "山田太郎",
            "participants-0-position_translated": "团长",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=approved.pk)
    assert case.status == Case.Status.APPROVED  # not back to the police
    assert case.guest_language == "zh-hans"
    item = case.programme_items.get()
    assert (item.summary_translated, item.place_translated, item.hosts_translated) == (
        "与省领导会谈",
        "省人民委员会",
        "副主席",
    )
    person = case.participants.get().person
    assert (person.name_in_script, person.position_translated) == ("山田太郎", "团长")
    page = client.get(case.get_absolute_url()).content.decode()
    with translation.override("vi"):
        language = str(GUEST_LANGUAGES["zh-hans"])
    for shown in ("与省领导会谈", "省人民委员会", "山田太郎", "团长", language):
        assert shown in page


def test_a_changed_place_still_sends_the_case_back_to_the_police(
    client: Client, protocol: User, approved: Case
) -> None:
    client.force_login(protocol)
    _edit(client, approved, confirm_review="on", **{"programme-0-place": "Nơi khác"})
    assert Case.objects.get(pk=approved.pk).status == Case.Status.UNDER_REVIEW


def test_the_api_reads_and_writes_the_language_fields(protocol: User) -> None:
    api = APIClient()
    api.force_authenticate(protocol)
    case = make_delegation(actor=protocol, programme=1)
    url = f"/api/v1/delegations/{case.pk}/"
    item = api.get(url).json()["programme"][0]
    participant = api.get(url).json()["participants"][0]
    item.update(
        summary="Hội đàm", summary_translated="회담", place_translated="도청", hosts_translated="부지사"
    )
    participant.update(name_in_script="김민준", position_translated="단장", passport_number="")
    response = api.patch(
        url, {"guest_language": "ko", "programme": [item], "participants": [participant]}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = api.get(url).json()
    assert body["guest_language"] == "ko"
    assert {
        k: body["programme"][0][k]
        for k in ("summary", "summary_translated", "place_translated", "hosts_translated")
    } == {
        "summary": "Hội đàm",
        "summary_translated": "회담",
        "place_translated": "도청",
        "hosts_translated": "부지사",
    }
    assert (body["participants"][0]["name_in_script"], body["participants"][0]["position_translated"]) == (
        "김민준",
        "단장",
    )
    assert body["programme_pdf_url"].endswith(reverse("printouts:programme", kwargs={"pk": case.pk}))
    assert body["programme_pdf_bilingual_url"].endswith(
        reverse("printouts:programme_bilingual", kwargs={"pk": case.pk})
    )


def test_the_api_refuses_an_unknown_guest_language(protocol: User) -> None:
    api = APIClient()
    api.force_authenticate(protocol)
    case = make_delegation(actor=protocol)
    response = api.patch(f"/api/v1/delegations/{case.pk}/", {"guest_language": "xx"}, format="json")
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).guest_language == "en"

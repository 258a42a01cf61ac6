"""Who sees and works a case's documents: every page, download, register, export and API call goes
through the case's selector; one who may not see the case gets nothing (a 404, like a missing one)."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.documents.conftest import full_case
from tests.factories import make_agency, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, Case
from ttdn.cases.services.workflow import case_submit
from ttdn.documents.models import Document
from ttdn.documents.services import document_attach_scan, document_draft, document_issue

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _documents(case: Case, templates, actor) -> tuple[Document, Document]:
    """A draft, and an issued document with its PDF and its signed scan."""
    draft = document_draft(actor=actor, case=case, template=templates["programme"])
    issued = document_draft(actor=actor, case=case, template=templates["submission"])
    issued.pdf.save("x.pdf", ContentFile(PDF))
    issued = document_issue(
        actor=actor,
        document=issued,
        signer="Nguyễn Thị Ký",
        issued_on=timezone.localdate(),
        recipients=["UBND"],
    )
    upload = SimpleUploadedFile("signed.pdf", PDF, content_type="application/pdf")
    issued = document_attach_scan(actor=actor, document=issued, upload=upload)
    Document.objects.filter(pk=issued.pk).update(pdf="documents/x.pdf")
    issued.pdf.storage.save("documents/x.pdf", ContentFile(PDF))
    return draft, issued


def _reads(draft: Document, issued: Document) -> list[str]:
    return [
        *(reverse("documents:download", kwargs={"pk": d.pk, "file": f}) for d in (draft, issued)
          for f in ("docx", "pdf", "scan")),
    ]  # fmt: skip


def _writes(case: Case, draft: Document, issued: Document) -> list[tuple[str, dict]]:
    return [
        (reverse("documents:draft", kwargs={"pk": case.pk}), {"template": "programme"}),
        (reverse("documents:regenerate", kwargs={"pk": draft.pk}), {"confirm": "on"}),
        (reverse("documents:issue", kwargs={"pk": draft.pk}),
         {"signer": "X", "issued_on": timezone.localdate().strftime("%d/%m/%Y"), "recipients": "UBND", "confirm": "on"}),
        (reverse("documents:scan", kwargs={"pk": issued.pk}), {}),
    ]  # fmt: skip


@pytest.fixture
def hidden(templates, protocol, make_user):
    """A case of one host agency, not yet submitted (so not referred to the police), its documents,
    and the users who may not see it."""
    host = make_agency()
    case = full_case(protocol, co_hosts=[host], title="Đoàn Kín Đáo")
    draft, issued = _documents(case, templates, protocol)
    outsiders = {"other agency": make_user(Role.AGENCY), "police not referred": police_officer()}
    return case, draft, issued, outsiders


def test_who_may_not_see_the_case_gets_a_404_for_every_document_url(client: Client, hidden) -> None:
    case, draft, issued, outsiders = hidden
    for who, user in outsiders.items():
        client.force_login(user)
        for url in _reads(draft, issued):
            assert client.get(url).status_code == 404, (who, url)
        for url, data in _writes(case, draft, issued):
            assert client.post(url, data).status_code == 404, (who, url)
    draft.refresh_from_db()
    assert draft.number is None and draft.generation == 1 and Document.objects.count() == 2
    assert not AccessLog.objects.filter(user__in=outsiders.values()).exists()


def test_the_registers_and_their_exports_leave_out_what_the_user_may_not_see(client: Client, hidden) -> None:
    _case, _draft, issued, outsiders = hidden
    for user in outsiders.values():
        client.force_login(user)
        page = client.get(reverse("documents:register_out"), {"drafts": "on"}).content.decode()
        assert "Đoàn Kín Đáo" not in page and issued.number_label not in page
        export = client.get(reverse("documents:register_out"), {"format": "xlsx", "drafts": "on"})
        sheet = load_workbook(io.BytesIO(export.content)).active
        assert all("Kín Đáo" not in str(cell.value) for row in sheet.iter_rows() for cell in row)


def test_the_api_answers_404_and_lists_nothing_to_who_may_not_see_the_case(hidden) -> None:
    case, draft, issued, outsiders = hidden
    for user in outsiders.values():
        api = _as(APIClient(), user)
        assert api.get(f"{API}/documents/").json()["results"] == []
        assert api.get(f"{API}/documents/", {"case": case.pk}).json()["results"] == []
        assert api.get(f"{API}/documents/{issued.pk}/").status_code == 404
        assert api.post(f"{API}/documents/{draft.pk}/issue/", {"signer": "X", "date": "2026-01-01",
                        "recipients": ["UBND"]}, format="json").status_code == 404  # fmt: skip
        assert api.post(f"{API}/cases/{case.pk}/documents/", {"template": "programme"}).status_code == 404
    assert Document.objects.count() == 2


def test_a_restricted_case_s_documents_need_the_need_to_know(templates, protocol, make_user, client) -> None:
    case = full_case(protocol, access_level=Case.AccessLevel.RESTRICTED, title="Đoàn Hạn Chế")
    draft, issued = _documents(case, templates, protocol)
    colleague = make_user(Role.PROTOCOL)  # province-wide, but without a grant for this case

    client.force_login(colleague)
    for url in _reads(draft, issued):
        assert client.get(url).status_code == 404
    assert "Đoàn Hạn Chế" not in client.get(reverse("documents:register_out")).content.decode()
    assert _as(APIClient(), colleague).get(f"{API}/documents/{issued.pk}/").status_code == 404

    client.force_login(protocol)
    assert client.get(_reads(draft, issued)[3]).status_code == 200  # the author holds the need to know


def test_the_host_agency_and_the_referred_police_read_the_documents(
    templates, protocol, make_user, client
) -> None:
    host = make_agency()
    case = full_case(protocol, co_hosts=[host])
    _draft, issued = _documents(case, templates, protocol)
    case_submit(actor=protocol, case=case)

    for user in (make_user(Role.AGENCY, agency=host), police_officer()):
        client.force_login(user)
        response = client.get(reverse("documents:download", kwargs={"pk": issued.pk, "file": "pdf"}))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        log = AccessLog.objects.filter(user=user, action=AccessLog.Action.DOWNLOAD).get()
        assert log.case == case and log.detail == f"{issued.file_stem}.pdf"
        assert issued.number_label in client.get(reverse("documents:register_out")).content.decode()


def test_the_police_do_not_draft_and_agencies_do_not_issue(templates, protocol, make_user) -> None:
    host = make_agency()
    case = full_case(protocol, lead_agency=host)
    draft = document_draft(actor=protocol, case=case, template=templates["programme"])
    case_submit(actor=protocol, case=case)

    police = _as(APIClient(), police_officer())
    assert police.post(f"{API}/cases/{case.pk}/documents/", {"template": "programme"}).status_code == 403
    agency = _as(APIClient(), make_user(Role.AGENCY, agency=host))
    refused = agency.post(f"{API}/documents/{draft.pk}/issue/", {"signer": "X", "date": str(timezone.localdate()),
                          "recipients": ["UBND"]}, format="json")  # fmt: skip
    assert refused.status_code == 403
    draft.refresh_from_db()
    assert draft.number is None and Document.objects.count() == 1


def test_documents_of_no_case_are_for_protocol_staff_and_admins(
    templates, protocol, make_user, client
) -> None:
    loose = Document.objects.create(register=templates["submission"].register, doc_type="CV", symbol="VP-NG",
                                    summary="Công văn chung về lễ tân", created_by=protocol,
                                    rendered_at=timezone.now())  # fmt: skip
    loose.docx.save("loose.docx", ContentFile(b"PK"))
    url = reverse("documents:download", kwargs={"pk": loose.pk, "file": "docx"})

    for user in (make_user(Role.LEADER), make_user(Role.AGENCY), police_officer()):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(protocol)
    assert client.get(url).status_code == 200

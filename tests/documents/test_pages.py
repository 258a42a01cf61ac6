"""The documents on the case page, the registers out and in, and the API: what each user is
offered, what a click does, and that bad input changes nothing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.documents.conftest import full_case
from tests.factories import make_agency, make_delegation, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, CaseEvent
from ttdn.cases.services.workflow import case_submit
from ttdn.documents.models import Document, IncomingDocument, Register
from ttdn.documents.services import document_draft, document_issue

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _issue(document: Document, actor) -> Document:
    return document_issue(actor=actor, document=document, signer="Nguyễn Thị Ký", issued_on=TODAY,
                          recipients=["Chủ tịch UBND tỉnh"])  # fmt: skip


def test_protocol_drafts_issues_and_attaches_the_scan_on_the_case_page(
    templates, case, protocol, client
) -> None:
    client.force_login(protocol)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Soạn theo mẫu" in page and "Chưa có văn bản nào." in page

    response = client.post(
        reverse("documents:draft", kwargs={"pk": case.pk}), {"template": "submission"}, follow=True
    )
    document = Document.objects.get()
    assert "bản PDF sẽ có sau giây lát" in response.content.decode()
    assert "Ban hành và cấp số" in response.content.decode()

    issue_url = reverse("documents:issue", kwargs={"pk": document.pk})
    values = {
        "signer": "Trần Văn Ký",
        "issued_on": TODAY.strftime("%d/%m/%Y"),
        "recipients": "- Công an tỉnh;\nSở Ngoại vụ",
    }
    unconfirmed = client.post(issue_url, values, follow=True)  # the box that says the number is final
    document.refresh_from_db()
    # back on the form's own page, the error beside the box, what was typed kept
    assert document.number is None and "field--error" in unconfirmed.content.decode()
    assert "Trần Văn Ký" in unconfirmed.content.decode()

    issued = client.post(issue_url, {**values, "confirm": "on"}, follow=True).content.decode()
    document.refresh_from_db()
    assert document.number_label == "01/TTr-VP" and "Đã ban hành với số 01/TTr-VP." in issued
    assert document.recipients == "Công an tỉnh\nSở Ngoại vụ"

    scan_url = reverse("documents:scan", kwargs={"pk": document.pk})
    text = SimpleUploadedFile("scan.txt", b"not a scan", content_type="text/plain")
    client.post(scan_url, {"file": text})
    document.refresh_from_db()
    assert not document.signed_scan
    client.post(scan_url, {"file": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")})
    document.refresh_from_db()
    assert document.signed_scan and document.signed_scan_type == "application/pdf"
    scan = client.get(reverse("documents:download", kwargs={"pk": document.pk, "file": "scan"}))
    assert scan.status_code == 200 and "signed.pdf" in scan["Content-Disposition"]
    codes = set(CaseEvent.objects.filter(case=case).values_list("code", flat=True))
    assert {"document.drafted", "document.issued", "document.scan_attached"} <= codes


def test_drawing_again_needs_the_box_ticked(templates, case, protocol, client) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["programme"])
    client.force_login(protocol)
    url = reverse("documents:regenerate", kwargs={"pk": document.pk})

    refused = client.post(url, {}, follow=True).content.decode()
    assert "Hãy đánh dấu ô để xác nhận soạn lại dự thảo." in refused
    assert Document.objects.get().generation == 1

    client.post(url, {"confirm": "on"})
    assert Document.objects.get().generation == 2


def test_what_is_missing_for_a_template_is_named_on_the_page(templates, protocol, client) -> None:
    case = make_delegation(actor=protocol, participants=0)
    client.force_login(protocol)

    response = client.post(reverse("documents:draft", kwargs={"pk": case.pk}), {"template": "invitation_vi"},
                           follow=True)  # fmt: skip

    assert "Mẫu Giấy mời (tiếng Việt) cần hồ sơ có" in response.content.decode()
    assert not Document.objects.exists()


def test_the_referred_police_read_but_are_offered_no_drafting(templates, case, protocol, client) -> None:
    document_draft(actor=protocol, case=case, template=templates["programme"])
    case_submit(actor=protocol, case=case)
    client.force_login(police_officer())

    page = client.get(case.get_absolute_url()).content.decode()

    assert 'id="documents"' in page and "DOCX" in page
    assert "Soạn theo mẫu" not in page and "Ban hành và cấp số" not in page
    client.post(reverse("documents:draft", kwargs={"pk": case.pk}), {"template": "programme"})
    assert Document.objects.count() == 1


def test_the_register_out_finds_without_diacritics_and_exports(templates, case, protocol, client) -> None:
    report = _issue(document_draft(actor=protocol, case=case, template=templates["submission"]), protocol)
    document_draft(actor=protocol, case=case, template=templates["programme"])  # a draft: not in the register
    client.force_login(protocol)
    url = reverse("documents:register_out")

    page = client.get(url, {"q": "ve viec doan tinh thu"}).content.decode()
    assert report.number_label in page
    assert "Chương trình làm việc của" not in client.get(url).content.decode()
    assert "Chương trình làm việc của" in client.get(url, {"drafts": "on"}).content.decode()
    assert report.number_label not in client.get(url, {"q": "khong co"}).content.decode()

    export = client.get(url, {"format": "xlsx"})
    rows = [list(row) for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)]
    assert any("01/TTr-VP" in [str(cell) for cell in row] for row in rows)
    assert AccessLog.objects.filter(user=protocol, action=AccessLog.Action.EXPORT).count() == 1


def test_a_document_received_is_numbered_in_the_register_in(case, protocol, client, templates) -> None:
    client.force_login(protocol)
    url = reverse("documents:incoming_new")
    values = {
        "register": Register.objects.get(code="van-ban-den").pk, "sender_reference": "12/ĐSQ-CT",
        "document_date": (TODAY - datetime.timedelta(days=2)).strftime("%d/%m/%Y"),
        "issuing_body": "Đại sứ quán Nhật Bản", "received_on": TODAY.strftime("%d/%m/%Y"),
        "summary": "Đề nghị đón đoàn", "case_reference": case.reference.lower(),
    }  # fmt: skip

    response = client.post(url, values, follow=True)

    entry = IncomingDocument.objects.get()
    assert (entry.number, entry.case, entry.year) == (1, case, TODAY.year)
    assert "Đã vào sổ với số đến 01" in response.content.decode()
    assert CaseEvent.objects.filter(case=case, code="document.received").exists()
    page = client.get(reverse("documents:register_in"), {"q": "dai su quan"}).content.decode()
    assert "12/ĐSQ-CT" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"received_on": (TODAY + datetime.timedelta(days=1)).strftime("%d/%m/%Y")}, "trong tương lai"),
        ({"case_reference": "DV-1999-9999"}, "Không có hồ sơ nào bạn được xem"),
        (
            {"document_date": (TODAY + datetime.timedelta(days=1)).strftime("%d/%m/%Y")},
            "không thể sau ngày nhận",
        ),
        ({"issuing_body": ""}, "bắt buộc"),
        (
            {"scan": SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")},
            "PDF",
        ),
    ],
)
def test_a_bad_document_received_records_nothing(protocol, client, templates, changes, message) -> None:
    client.force_login(protocol)
    values = {"register": Register.objects.get(code="van-ban-den").pk, "issuing_body": "Sở Ngoại vụ",
              "received_on": TODAY.strftime("%d/%m/%Y"), "summary": "Về việc", **changes}  # fmt: skip

    response = client.post(reverse("documents:incoming_new"), values)

    assert response.status_code == 200 and message in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_a_case_of_another_agency_cannot_be_linked_to_a_document_received(
    templates, make_user, client
) -> None:
    other = make_delegation(actor=make_user(Role.PROTOCOL), access_level="restricted")
    client.force_login(make_user(Role.PROTOCOL))
    values = {"register": Register.objects.get(code="van-ban-den").pk, "issuing_body": "X",
              "received_on": TODAY.strftime("%d/%m/%Y"), "summary": "Y", "case_reference": other.reference}  # fmt: skip

    response = client.post(reverse("documents:incoming_new"), values)

    assert "Không có hồ sơ nào bạn được xem" in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_only_protocol_staff_record_documents_received(make_user, client, templates) -> None:
    for role in (Role.AGENCY, Role.LEADER):
        client.force_login(make_user(role))
        assert client.get(reverse("documents:incoming_new")).status_code == 403
        assert "Vào sổ văn bản đến" not in client.get(reverse("documents:register_in")).content.decode()


def test_the_api_drafts_issues_once_and_names_what_is_missing(templates, case, protocol) -> None:
    api = _as(APIClient(), protocol)

    assert {t["code"] for t in api.get(f"{API}/document-templates/").json()} >= {
        "submission",
        "invitation_en",
    }
    created = api.post(f"{API}/cases/{case.pk}/documents/", {"template": "submission"}, format="json")
    assert created.status_code == 201 and created.json()["number"] is None
    document_id = created.json()["id"]
    assert created.json()["docx_url"].endswith(f"/documents/{document_id}/docx/")

    unknown = api.post(f"{API}/cases/{case.pk}/documents/", {"template": "nope"}, format="json")
    assert unknown.status_code == 400 and "nope" in str(unknown.json())
    bare = make_delegation(actor=protocol, participants=0)
    missing = api.post(f"{API}/cases/{bare.pk}/documents/", {"template": "invitation_vi"}, format="json")
    assert missing.status_code == 400 and missing.json()["missing"] == ["participants"]
    assert "thành viên" in missing.json()["detail"]  # the message in the user's language

    body = {"signer": "Trần Văn Ký", "date": str(TODAY), "recipients": ["Chủ tịch UBND tỉnh"]}
    issued = api.post(f"{API}/documents/{document_id}/issue/", body, format="json")
    assert issued.status_code == 200 and issued.json()["number"] == 1
    again = api.post(f"{API}/documents/{document_id}/issue/", body, format="json")
    assert again.status_code == 409
    assert Document.objects.get(pk=document_id).number == 1
    listed = api.get(f"{API}/documents/", {"case": case.pk}).json()["results"]
    assert [row["id"] for row in listed] == [document_id]
    assert api.get(f"{API}/documents/", {"case": "x"}).status_code == 400


def test_the_lead_agency_reads_its_documents_but_neither_drafts_nor_issues(
    templates, protocol, make_user, client
) -> None:
    host = make_agency()
    case = full_case(protocol, lead_agency=host)
    document = document_draft(actor=protocol, case=case, template=templates["programme"])
    client.force_login(make_user(Role.AGENCY, agency=host))

    page = client.get(case.get_absolute_url()).content.decode()
    assert document.summary in page
    assert "Soạn theo mẫu" not in page and "Ban hành và cấp số" not in page
    client.post(reverse("documents:draft", kwargs={"pk": case.pk}), {"template": "programme"})
    client.post(reverse("documents:issue", kwargs={"pk": document.pk}),
                {"signer": "X", "issued_on": TODAY.strftime("%d/%m/%Y"), "recipients": "UBND", "confirm": "on"})  # fmt: skip
    document.refresh_from_db()
    assert document.number is None and Document.objects.count() == 1


def test_the_registers_export_lets_no_spreadsheet_run_a_formula(protocol, client, templates) -> None:
    from ttdn.documents.services import incoming_record

    formula = '=HYPERLINK("http://x","y")'
    incoming_record(actor=protocol, register=Register.objects.get(code="van-ban-den"), issuing_body=formula,
                    received_on=TODAY, summary="Về việc")  # fmt: skip
    client.force_login(protocol)

    export = client.get(reverse("documents:register_in"), {"format": "xlsx"})

    cells = [cell for row in load_workbook(io.BytesIO(export.content)).active.iter_rows() for cell in row]
    body = next(cell for cell in cells if cell.value == formula)
    assert body.data_type == "s"  # text as written, never a formula

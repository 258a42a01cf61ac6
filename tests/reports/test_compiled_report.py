"""The issue's "done when": a plan with tasks for three agencies, a request for a Decree 09
quarter, two contributions submitted; the compiled report's figures are those of the case data of
that period, and the third agency is listed as not submitted and reminded once."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document as open_docx
from pypdf import PdfReader

from tests.factories import approve, make_delegation, make_outbound_trip, make_press_visit
from tests.fixtures.services import require_soffice
from tests.reports.requests_fixtures import asked
from ttdn.documents.models import Document
from ttdn.documents.services import document_convert
from ttdn.notifications.models import Notification
from ttdn.plans.models import Plan, PlanTask, TaskProgress
from ttdn.reports.contributions.services import (
    contribution_submit,
    request_compile,
    request_issue,
    request_remind,
)
from ttdn.reports.models import ContributionReminder, ReportRequest

pytestmark = pytest.mark.django_db
D = datetime.date


def _text(docx: bytes) -> tuple[list[str], list[list[list[str]]]]:
    doc = open_docx(io.BytesIO(docx))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    return paragraphs, tables


@pytest.fixture
def quarter(make_user, protocol, attachment_storage):
    """Visits around Decree 09's Q1 2026 (15/12/2025 to 14/03/2026), a plan with a task for each of
    the three agencies asked, and the request sent to them."""
    setup = asked(make_user, protocol)
    inside = [
        approve(make_delegation(actor=protocol, lead_agency=setup.culture, start=D(2025, 12, 20),
                                title="Đoàn Bộ Ngoại giao Nhật Bản", countries=["JP"])),
        approve(make_delegation(actor=protocol, lead_agency=setup.industry, start=D(2026, 3, 10),
                                title="Đoàn doanh nghiệp Hàn Quốc", countries=["KR"], delegation_kind="business")),
        approve(make_outbound_trip(actor=protocol, lead_agency=setup.culture, start=D(2026, 2, 2),
                                   title="Đoàn công tác tại Lào", countries=["LA"], members=1)),
        approve(make_press_visit(actor=protocol, lead_agency=setup.culture, start=D(2026, 1, 12))),
    ]  # fmt: skip
    # Outside: calendar Q1 2026, but not Decree 09's (after the 14th of March / before 15 December).
    approve(make_delegation(actor=protocol, lead_agency=setup.culture, start=D(2026, 3, 20), title="Sau kỳ"))
    approve(
        make_delegation(actor=protocol, lead_agency=setup.culture, start=D(2025, 12, 10), title="Trước kỳ")
    )
    make_delegation(actor=protocol, lead_agency=setup.culture, start=D(2026, 1, 20), title="Chưa duyệt")
    plan = Plan.objects.create(number="57/KH-UBND", issued_on=D(2026, 1, 5), title="Kế hoạch TTĐN năm 2026",
                               year=2026)  # fmt: skip
    for agency in (setup.culture, setup.industry, setup.police):
        task = PlanTask.objects.create(
            plan=plan, title=f"Quảng bá hình ảnh ({agency.code})", due_on=D(2026, 3, 1)
        )
        task.agencies.add(agency)
    culture_task = plan.tasks.get(agencies=setup.culture)
    TaskProgress.objects.create(task=culture_task, agency=setup.culture, status=TaskProgress.Status.DONE,
                                text="Đã tổ chức tuần văn hóa", reported_on=D(2026, 3, 2),
                                author=setup.culture_staff)  # fmt: skip
    return setup, inside


def test_the_compiled_report_counts_the_quarter_and_names_who_did_not_submit(quarter, protocol) -> None:
    setup, inside = quarter
    culture = setup.request.contributions.get(agency=setup.culture)
    industry = setup.request.contributions.get(agency=setup.industry)
    culture = contribution_submit(actor=setup.culture_staff, contribution=culture,
                                  texts={"results": "Sở đã đón 3 đoàn.\nTổ chức tuần văn hóa Nhật Bản."})  # fmt: skip
    contribution_submit(actor=setup.industry_staff, contribution=industry,
                        texts={"results": "Sở đã làm việc với doanh nghiệp Hàn Quốc.", "proposals": "Tăng kinh phí."})  # fmt: skip
    # Each agency's own figures: the visits its staff may see (the culture department leads three).
    assert culture.figures["cases"] == 3
    assert culture.figures["period"] == {"start": "2025-12-15", "end": "2026-03-14"}
    assert [row["status"] for row in culture.progress] == ["done"]

    reminders = request_remind(actor=protocol, request=setup.request)
    assert [r.contribution.agency for r in reminders] == [setup.police]

    compiled = request_compile(actor=protocol, request=setup.request)
    assert compiled.status == ReportRequest.Status.COMPILED
    assert compiled.document is not None
    with compiled.document.docx.open("rb") as stored:
        paragraphs, tables = _text(stored.read())
    text = "\n".join(paragraphs)

    figures = {row[1]: (row[2], row[3]) for row in tables[1][1:]}  # tables[0] is the heading
    assert figures["Số hồ sơ"] == ("4", "1")  # four visits in the quarter; one the quarter before
    assert figures["Đoàn vào đón tiếp trực tiếp"] == ("2", "1")
    assert figures["Đoàn ra"] == ("1", "0")
    assert figures["Phóng viên nước ngoài"] == ("1", "0")
    by_kind = next(table for table in tables if table[0][0] == "Loại")
    # The outbound trip is a kind of its own, its officials no foreign visitors.
    assert ["Chính phủ", "1", "1"] in by_kind and ["Đoàn ra", "1", "0"] in by_kind

    assert "Số: .../BC-VP" in "\n".join(cell for row in tables[0] for cell in row)
    assert "Kết quả công tác thông tin đối ngoại quý I năm 2026" in text
    assert "2/3 cơ quan" in text
    assert "Nghị định số 09/2019/NĐ-CP" in text
    assert "Tổ chức tuần văn hóa Nhật Bản." in text and "Tăng kinh phí." in text
    pending = text.split("CÁC CƠ QUAN, ĐƠN VỊ CHƯA GỬI BÁO CÁO")[1]
    assert f"- {setup.police.name_vi} (đã nhắc 1 lần)." in pending
    assert setup.culture.name_vi not in pending.split("kính báo cáo")[0]
    # The appendices list every visit of the period, by kind and direction, and nothing else.
    listed = {row[2] for table in tables for row in table[1:] if len(row) == 6}
    assert {case.title for case in inside} <= listed
    assert not {"Sau kỳ", "Trước kỳ", "Chưa duyệt"} & listed
    assert {"Phụ lục I", "Phụ lục II", "Phụ lục III"} <= set(paragraphs)
    progress = next(table for table in tables if table[0][:3] == ["TT", "Cơ quan, đơn vị", "Nhiệm vụ"])
    assert [
        setup.culture.name_vi,
        "Quảng bá hình ảnh (so-vhttdl) (57/KH-UBND)",
        "Hoàn thành",
        "Đã tổ chức tuần văn hóa",
    ] in [row[1:] for row in progress]

    # The police were reminded once, by hand: one record, one notification per officer.
    assert ContributionReminder.objects.filter(contribution__agency=setup.police).count() == 1
    assert Notification.objects.filter(kind="contribution_reminded", recipient=setup.officer).count() == 1
    assert not Notification.objects.filter(
        kind="contribution_reminded", recipient=setup.culture_staff
    ).exists()


def test_issuing_numbers_the_compiled_report_in_the_register(quarter, protocol) -> None:
    setup, _inside = quarter
    request_compile(actor=protocol, request=setup.request)
    issued = request_issue(actor=protocol, request=setup.request, signer="Nguyễn Văn A",
                           issued_on=D(2026, 3, 16), recipients=["Bộ Ngoại giao"])  # fmt: skip
    document = issued.document
    assert document is not None
    assert document.is_issued and document.number == 1 and document.symbol == "BC-VP"
    with document.docx.open("rb") as stored:
        _paragraphs, tables = _text(stored.read())
    heading = "\n".join(cell for row in tables[0] for cell in row)
    assert "Số: 01/BC-VP" in heading
    assert "ngày 16 tháng 3 năm 2026" in heading
    closing = "\n".join(cell for table in tables for row in table for cell in row)
    assert "- Bộ Ngoại giao;" in closing and "Nguyễn Văn A" in closing


def test_the_compiled_report_becomes_an_a4_pdf_in_vietnamese(
    quarter, protocol, client, django_capture_on_commit_callbacks
) -> None:
    require_soffice()
    setup, _inside = quarter
    with django_capture_on_commit_callbacks() as queued:
        compiled = request_compile(actor=protocol, request=setup.request)
    assert compiled.document is not None
    assert len(queued) == 1  # the conversion, once committed (the worker's task)
    document = compiled.document
    assert (
        document_convert(document_id=document.pk, generation=document.generation) == Document.Conversion.DONE
    )
    client.force_login(setup.culture_staff)
    response = client.get(reverse("reports:request_download", kwargs={"pk": setup.request.pk, "file": "pdf"}))
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    first = pdf.pages[0]
    assert (round(first.mediabox.width), round(first.mediabox.height)) == (595, 842)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first.extract_text()
    assert "Phụ lục I" in "".join(page.extract_text() for page in pdf.pages)

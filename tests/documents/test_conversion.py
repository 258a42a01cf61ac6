"""The PDF of a draft: LibreOffice headless, run by the Celery worker after the draft is saved."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
import redis
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.fixtures.services import redis_database, require_soffice
from tests.fixtures.worker import app_broker, start_worker
from ttdn.documents.models import Document
from ttdn.documents.services import document_convert, document_draft, document_regenerate

A4_POINTS = (595, 842)


def _pdf_of(document: Document) -> PdfReader:
    with document.pdf.open("rb") as stored:
        return PdfReader(io.BytesIO(stored.read()))


@pytest.mark.django_db
def test_libreoffice_makes_an_a4_pdf_in_vietnamese_of_the_draft(templates, case, protocol) -> None:
    require_soffice()
    document = document_draft(actor=protocol, case=case, template=templates["submission"])

    assert (
        document_convert(document_id=document.pk, generation=document.generation) == Document.Conversion.DONE
    )

    document.refresh_from_db()
    pdf = _pdf_of(document)
    page = pdf.pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == A4_POINTS
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "TỜ TRÌNH" in text and case.reference in text
    fonts = {str(font) for page in pdf.pages for font in _font_names(page)}
    assert any("Liberation" in name or "Times" in name for name in fonts), fonts


def _font_names(page) -> list[str]:
    resources = page["/Resources"]
    return [resources["/Font"][key]["/BaseFont"] for key in resources.get("/Font", {})]


@pytest.mark.django_db
def test_a_conversion_of_a_draft_drawn_again_since_is_skipped(templates, case, protocol) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["programme"])
    old = document.generation
    document = document_regenerate(actor=protocol, document=document)

    assert document_convert(document_id=document.pk, generation=old) is None
    document.refresh_from_db()
    assert document.conversion == Document.Conversion.PENDING and not document.pdf


@pytest.mark.django_db
def test_a_failed_conversion_is_kept_and_shown_on_the_case_page(
    templates, case, protocol, settings, client: Client
) -> None:
    settings.TTDN_SOFFICE = "/nonexistent/soffice"
    document = document_draft(actor=protocol, case=case, template=templates["submission"])

    assert document_convert(document_id=document.pk, generation=document.generation) == "failed"

    document.refresh_from_db()
    assert document.conversion_error == "LibreOffice (soffice) is not installed"
    client.force_login(protocol)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Chuyển sang PDF không thành công" in page
    assert (
        client.get(reverse("documents:download", kwargs={"pk": document.pk, "file": "pdf"})).status_code
        == 404
    )
    assert (
        client.get(reverse("documents:download", kwargs={"pk": document.pk, "file": "docx"})).status_code
        == 200
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_converts_a_draft_made_on_the_case_page(
    templates, case, protocol, client: Client, settings, tmp_path: Path
) -> None:
    require_soffice()
    broker = redis_database(2)  # a broker of this test's own: no other worker takes its task
    redis.Redis.from_url(broker).flushdb()
    worker = start_worker(tmp_path / "worker", REDIS_URL=broker, MEDIA_ROOT=str(settings.MEDIA_ROOT))
    try:
        client.force_login(protocol)
        with app_broker(broker):
            response = client.post(
                reverse("documents:draft", kwargs={"pk": case.pk}), {"template": "invitation_vi"}
            )
        assert response.status_code == 302
        document = Document.objects.get()
        deadline = time.monotonic() + 120
        while Document.objects.get(pk=document.pk).conversion == Document.Conversion.PENDING:
            assert time.monotonic() < deadline, worker.log.read_text()[-3000:]
            time.sleep(0.5)
    finally:
        worker.stop()

    document.refresh_from_db()
    assert document.conversion == Document.Conversion.DONE, document.conversion_error
    download = client.get(reverse("documents:download", kwargs={"pk": document.pk, "file": "pdf"}))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.getvalue().startswith(b"%PDF")


@pytest.mark.django_db
def test_a_failed_pdf_is_asked_for_again_by_protocol_staff(
    templates, case, protocol, make_user, settings, client: Client, django_capture_on_commit_callbacks
) -> None:
    from ttdn.accounts.roles import Role

    settings.TTDN_SOFFICE = "/nonexistent/soffice"
    document = document_draft(actor=protocol, case=case, template=templates["submission"])
    document_convert(document_id=document.pk, generation=document.generation)
    url = reverse("documents:convert", kwargs={"pk": document.pk})

    client.force_login(make_user(Role.LEADER))
    client.post(url)
    assert Document.objects.get(pk=document.pk).conversion == Document.Conversion.FAILED

    client.force_login(protocol)
    assert "Tạo lại PDF" in client.get(case.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks() as queued:
        client.post(url)
    document.refresh_from_db()
    assert document.conversion == Document.Conversion.PENDING and len(queued) == 1
    assert "Tạo lại PDF" not in client.get(case.get_absolute_url()).content.decode()

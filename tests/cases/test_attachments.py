from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(client: Client, case, name: str, content: bytes, kind: str = "request_letter"):
    return client.post(
        reverse("cases:attachment_upload", kwargs={"pk": case.pk}),
        {"kind": kind, "file": SimpleUploadedFile(name, content), "description": ""},
        follow=True,
    )


@pytest.fixture
def case(protocol):
    return make_delegation(actor=protocol)


@pytest.mark.parametrize(
    ("name", "content"), [("cong-van.pdf", PDF), ("anh.png", PNG), ("bao-cao.docx", _docx())]
)
def test_pdf_office_and_images_are_attached(
    client: Client, protocol, case, attachment_storage: Path, name, content
) -> None:
    client.force_login(protocol)

    _upload(client, case, name, content)

    attachment = Attachment.objects.get(case=case)
    assert attachment.original_name == name
    assert attachment.size == len(content)
    assert attachment.uploaded_by == protocol
    assert Path(attachment.file.path).is_relative_to(attachment_storage)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "Chỉ được đính kèm"),
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 64, "Chỉ được đính kèm"),
        ("anh.pdf", PNG, "không khớp với nội dung"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_other_files_are_refused_by_content(
    client: Client, protocol, case, attachment_storage: Path, name, content, message
) -> None:
    client.force_login(protocol)

    response = _upload(client, case, name, content)

    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert not any(attachment_storage.rglob("*.*"))


def test_a_file_over_20_mb_is_refused(
    client: Client, protocol, case, attachment_storage: Path, settings
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024
    client.force_login(protocol)

    response = _upload(client, case, "lon.pdf", PDF + b"0" * 2048)

    assert "quá lớn" in response.content.decode()
    assert not Attachment.objects.exists()


def test_download_is_served_to_who_may_see_the_case_only(
    client: Client, protocol, case, attachment_storage, make_user, agency_factory
) -> None:
    client.force_login(protocol)
    _upload(client, case, "cong-van.pdf", PDF)
    attachment = Attachment.objects.get()
    url = reverse("cases:attachment_download", kwargs={"pk": case.pk, "attachment_pk": attachment.pk})

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert 'filename="cong-van.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"

    client.force_login(make_user(Role.AGENCY, agency=agency_factory()))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_an_attachment_is_only_found_through_its_own_case(
    client: Client, protocol, attachment_storage
) -> None:
    first = make_delegation(actor=protocol)
    second = make_delegation(actor=protocol)
    client.force_login(protocol)
    _upload(client, first, "a.pdf", PDF)
    attachment = Attachment.objects.get()

    response = client.get(
        reverse("cases:attachment_download", kwargs={"pk": second.pk, "attachment_pk": attachment.pk})
    )

    assert response.status_code == 404


def test_files_have_no_public_url(client: Client, protocol, case, attachment_storage) -> None:
    client.force_login(protocol)
    _upload(client, case, "a.pdf", PDF)
    attachment = Attachment.objects.get()

    with pytest.raises(ValueError, match="no public URL"):
        attachment.file.url  # noqa: B018
    assert client.get(f"/media/attachments/{attachment.file.name}").status_code == 404


def test_only_protocol_staff_attach(client: Client, protocol, case, leader, attachment_storage) -> None:
    client.force_login(leader)

    response = _upload(client, case, "a.pdf", PDF)

    assert "Chỉ cán bộ lễ tân" in response.content.decode()
    assert not Attachment.objects.exists()


def test_behind_nginx_the_file_is_handed_over_after_the_check(
    client: Client, protocol, case, attachment_storage, make_user, agency_factory, settings
) -> None:
    settings.TTDN_X_ACCEL_REDIRECT = "/protected-media/"
    client.force_login(protocol)
    _upload(client, case, "quyết định.pdf", PDF)
    attachment = Attachment.objects.get()
    url = reverse("cases:attachment_download", kwargs={"pk": case.pk, "attachment_pk": attachment.pk})

    response = client.get(url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/attachments/{attachment.file.name}"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"

    client.force_login(make_user(Role.AGENCY, agency=agency_factory()))
    refused = client.get(url)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_stored_files_are_readable_by_the_group_only(
    client: Client, protocol, case, attachment_storage
) -> None:
    client.force_login(protocol)
    _upload(client, case, "cong-van.pdf", PDF)
    path = Path(Attachment.objects.get().file.path)

    assert path.stat().st_mode & 0o777 == 0o640  # nginx reads them as a member of the group
    assert path.parent.stat().st_mode & 0o777 == 0o750

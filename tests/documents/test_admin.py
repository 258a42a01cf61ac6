"""The admins' side: a template's new version uploaded, checked, and used by the next draft; the
registers' documents read-only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.documents.conftest import docx_bytes, docx_text
from ttdn.accounts.roles import Role
from ttdn.documents.services import document_draft

pytestmark = pytest.mark.django_db


def _upload(*paragraphs: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("mau.docx", docx_bytes(*paragraphs))


@pytest.fixture
def admin_client(client: Client, make_user) -> Client:
    client.force_login(make_user(Role.ADMIN, is_staff=True))
    return client


def _form(template, **changes):
    values = {
        "code": template.code, "name": template.name, "doc_type": template.doc_type, "symbol": template.symbol,
        "register": template.register_id, "language": template.language, "summary": template.summary,
        "requires": template.requires, "description": template.description, "is_active": "on",
        "versions-TOTAL_FORMS": "1", "versions-INITIAL_FORMS": "1", "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000", "versions-0-id": template.versions.get().pk,
        "versions-0-template": template.pk,
    }  # fmt: skip
    return {**values, **changes}


def test_a_new_version_is_checked_then_used_by_the_next_draft(
    admin_client, templates, case, protocol
) -> None:
    template = templates["programme"]
    url = reverse("admin:documents_documenttemplate_change", args=[template.pk])

    refused = admin_client.post(url, _form(template, new_version=_upload("{{ reference }} {{ passport }}")))
    assert refused.status_code == 200
    assert "Mẫu dùng các trường thay thế không tồn tại: passport." in refused.content.decode()
    bad_summary = admin_client.post(url, _form(template, summary="{{ nope }}"))
    assert "nope" in bad_summary.content.decode() and template.versions.count() == 1

    saved = admin_client.post(url, _form(template, new_version=_upload("Chương trình {{ reference }}")))
    assert saved.status_code == 302
    assert template.versions.count() == 2

    document = document_draft(actor=protocol, case=case, template=template)
    assert document.version is not None and document.version.number == 2
    assert docx_text(document).strip() == f"Chương trình {case.reference}"
    old = admin_client.get(reverse("admin:documents_documenttemplate_version", args=[template.pk, 1]))
    assert old.status_code == 200 and "programme-v1.docx" in old["Content-Disposition"]


def test_the_documents_cannot_be_changed_or_deleted_in_the_admin(
    admin_client, templates, case, protocol
) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["programme"])

    page = admin_client.get(reverse("admin:documents_document_change", args=[document.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    docx = reverse("documents:download", kwargs={"pk": document.pk, "file": "docx"})
    assert f'href="{docx}"' in page.content.decode()  # through the checked download, never a media URL
    assert (
        admin_client.post(
            reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert admin_client.get(reverse("admin:documents_document_add")).status_code == 403

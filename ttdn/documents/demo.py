"""The default templates, and a few documents on the demo cases, for ``seed_demo``."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.documents.defaults import templates_install_defaults
from ttdn.documents.models import Document, DocumentTemplate
from ttdn.documents.services import document_draft, document_issue


@transaction.atomic
def seed() -> list[str]:
    created = [
        f"document template {line}" for line in templates_install_defaults() if line.endswith("installed")
    ]
    if Document.objects.exists():
        return created
    protocol = User.objects.get(username="protocol")
    case = (
        Case.objects.filter(
            status=Case.Status.APPROVED, participants__isnull=False, programme_items__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if case is None:
        return created
    submission = document_draft(
        actor=protocol, case=case, template=DocumentTemplate.objects.get(code="submission")
    )
    document_issue(
        actor=protocol,
        document=submission,
        signer="Trần Thị Bình",
        issued_on=timezone.localdate(),
        recipients=["Chủ tịch UBND tỉnh", "Công an tỉnh"],
    )
    document_draft(actor=protocol, case=case, template=DocumentTemplate.objects.get(code="programme"))
    created.append(f"documents of {case.reference}: a submission issued, a programme drafted")
    return created

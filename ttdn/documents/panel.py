"""The case page's documents panel: the case's documents, and what the user may do with each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.policy import Ability, Refusal
from ttdn.documents.forms import DraftForm, IssueForm, RegenerateForm, ScanForm
from ttdn.documents.models import Document
from ttdn.documents.policy import (
    may_attach_signed_scan,
    may_convert_again,
    may_draft_document,
    may_issue_document,
    may_regenerate_document,
)
from ttdn.documents.selectors import TEMPLATES_OFFERED


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    regenerate: Ability
    issue: Ability
    scan: Ability
    convert_again: Ability
    issue_form: IssueForm | None
    regenerate_form: RegenerateForm | None
    scan_form: ScanForm | None


def issue_ability(*, user: User, document: Document) -> Ability:
    refusal = may_issue_document(user=user, document=document)
    if refusal is None and document.is_issued:
        refusal = Refusal(_("Issued as %(number)s.") % {"number": document.number_label})
    return Ability(refusal)


def document_row(*, user: User, document: Document) -> DocumentRow:
    regenerate = Ability(may_regenerate_document(user=user, document=document))
    issue = issue_ability(user=user, document=document)
    scan = Ability(may_attach_signed_scan(user=user, document=document))
    convert_again = Ability(may_convert_again(user=user, document=document))
    return DocumentRow(
        document,
        regenerate,
        issue,
        scan,
        convert_again,
        IssueForm(document=document) if issue else None,
        RegenerateForm(auto_id=f"id_regenerate{document.pk}_%s") if regenerate else None,
        ScanForm(auto_id=f"id_scan{document.pk}_%s") if scan else None,
    )


def case_documents_panel(case: Case, user: User) -> dict[str, Any]:
    documents = case.documents.select_related("template", "created_by", "issued_by").order_by(
        "-created_at", "-pk"
    )
    draft = Ability(may_draft_document(user=user, case=case))
    return {
        "case": case,
        "rows": [document_row(user=user, document=document) for document in documents],
        "draft": draft,
        "draft_form": DraftForm(templates=TEMPLATES_OFFERED.get()) if draft else None,
    }

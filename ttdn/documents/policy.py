"""Who may draft, issue and register documents (the rules in the form of ``ttdn.cases.policy``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases.models import Case
from ttdn.cases.policy import Refusal, may_edit
from ttdn.documents.models import Document


def may_draft_document(*, user: User, case: Case) -> Refusal | None:
    """Whoever may edit the case drafts its documents."""
    return may_edit(user=user, case=case)


def _protocol(user: User, message: str) -> Refusal | None:
    return None if has_role(user, Role.PROTOCOL) else Refusal(message, by_role=True)


def may_regenerate_document(*, user: User, document: Document) -> Refusal | None:
    if document.case is not None:
        refusal = may_draft_document(user=user, case=document.case)
        if refusal:
            return refusal
    if document.is_issued:
        return Refusal(_("An issued document is not drafted again; draft a new one."))
    return None


def may_issue_document(*, user: User, document: Document) -> Refusal | None:
    return _protocol(user, _("Only protocol staff issue and number documents."))


def may_attach_signed_scan(*, user: User, document: Document) -> Refusal | None:
    refusal = _protocol(user, _("Only protocol staff attach the signed scan."))
    if refusal is None and not document.is_issued:
        return Refusal(_("Issue the document before attaching its signed scan."))
    return refusal


def may_convert_again(*, user: User, document: Document) -> Refusal | None:
    """A PDF that could not be made is asked for again by protocol staff (once the converter works)."""
    refusal = _protocol(user, _("Only protocol staff ask for the PDF again."))
    if refusal is None and document.conversion != Document.Conversion.FAILED:
        return Refusal(_("The PDF of this document did not fail."))
    return refusal


def may_record_incoming(*, user: User) -> Refusal | None:
    return _protocol(user, _("Only protocol staff record the documents received."))

"""Writes of documents: drafting from a case, regenerating, issuing with a number, the signed scan,
the documents received, and new versions of the templates."""

from __future__ import annotations

import datetime
import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.cases.events import log_event, text_checked
from ttdn.cases.files import check_upload
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce
from ttdn.cases.text import fold
from ttdn.documents import events
from ttdn.documents.context import case_context, document_context, recipients_of
from ttdn.documents.conversion import ConversionFailed, docx_to_pdf
from ttdn.documents.errors import AlreadyIssued, DocumentError
from ttdn.documents.models import Document, DocumentTemplate, IncomingDocument, Register, TemplateVersion
from ttdn.documents.numbering import number_take
from ttdn.documents.policy import (
    may_attach_signed_scan,
    may_convert_again,
    may_draft_document,
    may_issue_document,
    may_record_incoming,
    may_regenerate_document,
)
from ttdn.documents.rendering import render_docx, render_text, template_check
from ttdn.documents.requirements import requirements_check

logger = logging.getLogger(__name__)

SCAN_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/tiff"}


def _version_of(template: DocumentTemplate) -> TemplateVersion:
    version = template.current_version
    if version is None or not template.is_active:
        raise DocumentError(_("The template %(name)s is not available.") % {"name": template.name})
    return version


def _render(document: Document, *, case: Case | None, version: TemplateVersion) -> None:
    """Fill the document's DOCX from its case and its own fields, in the template's language."""
    template = version.template
    with translation.override(template.language):
        context = case_context(case) if case is not None else {}
        own = document_context(
            register=document.register,
            symbol=document.symbol,
            summary="",
            number=document.number,
            issued_on=document.issued_on,
            signer=document.signer,
            recipients=recipients_of(document),
        )
        context.update(own)
        document.summary = render_text(template.summary, context)[:255]
        context["summary"] = document.summary
        with version.file.open("rb") as source:
            data = render_docx(source, context)
    if document.docx:
        document.docx.delete(save=False)
    document.docx.save(f"{document.file_stem}.docx", ContentFile(data), save=False)
    if document.pdf:
        document.pdf.delete(save=False)
    document.version = version
    document.rendered_at = timezone.now()
    document.conversion = Document.Conversion.PENDING
    document.conversion_error = ""
    document.search_text = fold(
        " ".join(
            filter(
                None,
                [
                    document.number_label,
                    document.summary,
                    document.signer,
                    document.recipients,
                    case.reference if case else "",
                    case.title if case else "",
                ],
            )
        )
    )


def _convert_later(document: Document) -> None:
    from ttdn.documents.tasks import convert_document

    transaction.on_commit(partial(convert_document.delay, document.pk, document.generation))


@transaction.atomic
def document_draft(*, actor: User, case: Case, template: DocumentTemplate) -> Document:
    """A new draft of ``template`` from ``case``: its DOCX now, its PDF by the worker."""
    enforce(may_draft_document(user=actor, case=case))
    version = _version_of(template)
    requirements_check(case=case, codes=list(template.requires), template_name=template.name)
    document = Document(
        case=case,
        template=template,
        register=template.register,
        doc_type=template.doc_type,
        symbol=template.symbol,
        created_by=actor,
    )
    _render(document, case=case, version=version)
    document.full_clean(exclude=["docx"])
    document.save()
    log_event(
        case=case, code=events.DRAFTED, actor=actor, text=document.summary, data={"document": document.pk}
    )
    _convert_later(document)
    return document


@transaction.atomic
def document_regenerate(*, actor: User, document: Document) -> Document:
    """Draft ``document`` again from its case as it is now, with the template's latest version."""
    document = (
        Document.objects.select_for_update(of=("self",))
        .select_related("case", "template", "register")
        .get(pk=document.pk)
    )
    enforce(may_regenerate_document(user=actor, document=document))
    if document.template is None:
        raise DocumentError(_("This document has no template to draft it from."))
    version = _version_of(document.template)
    if document.case is not None:
        requirements_check(
            case=document.case, codes=list(document.template.requires), template_name=document.template.name
        )
    document.generation += 1
    _render(document, case=document.case, version=version)
    document.save()
    if document.case is not None:
        log_event(
            case=document.case,
            code=events.REGENERATED,
            actor=actor,
            text=document.summary,
            data={"document": document.pk},
        )
    _convert_later(document)
    return document


def recipient_lines(lines: list[str]) -> list[str]:
    """The recipients as the register keeps them: one per line, without the "- " and the ";" that
    the template writes around each (the office often pastes them with)."""
    cleaned = (line.strip().lstrip("-").strip().rstrip(";.").strip() for line in lines)
    return [line for line in cleaned if line]


def document_issue(
    *, actor: User, document: Document, signer: str, issued_on: datetime.date, recipients: list[str]
) -> Document:
    """Give ``document`` its number and date, by ``signer``, to ``recipients``; the DOCX is drawn
    again with them. Issuing an issued document is refused (``AlreadyIssued``)."""
    enforce(may_issue_document(user=actor, document=document))
    signer = text_checked(signer)
    recipients = recipient_lines(recipients)
    if not signer:
        raise DocumentError(_("Name the signer."))
    if not recipients:
        raise DocumentError(_("Name at least one recipient."))
    if issued_on > timezone.localdate():
        raise DocumentError(_("A document is dated the day it is signed, not later."))
    with transaction.atomic():
        document = (
            Document.objects.select_for_update(of=("self",))
            .select_related("case", "template", "register")
            .get(pk=document.pk)
        )
        if document.is_issued:
            raise AlreadyIssued(
                _("%(number)s was already issued on %(date)s.")
                % {"number": document.number_label, "date": document.issued_on}
            )
        document.number = number_take(register=document.register, symbol=document.symbol, year=issued_on.year)
        document.year = issued_on.year
        document.issued_on = issued_on
        document.signer = signer
        document.recipients = "\n".join(recipients)
        document.status = Document.Status.ISSUED
        document.issued_by = actor
        document.issued_at = timezone.now()
        document.generation += 1
        if document.version is not None:
            _render(document, case=document.case, version=document.version)
        document.full_clean(exclude=["docx"])
        document.save()
        if document.case is not None:
            log_event(
                case=document.case,
                code=events.ISSUED,
                actor=actor,
                text=f"{document.number_label}: {document.summary}",
                data={"document": document.pk},
            )
        _convert_later(document)
    return document


@transaction.atomic
def document_attach_scan(*, actor: User, document: Document, upload: UploadedFile) -> Document:
    document = Document.objects.select_for_update(of=("self",)).select_related("case").get(pk=document.pk)
    enforce(may_attach_signed_scan(user=actor, document=document))
    content_type = check_upload(upload)
    if content_type not in SCAN_TYPES:
        raise ValidationError(_("The signed scan must be a PDF or an image."), code="type")
    if document.signed_scan:
        document.signed_scan.delete(save=False)
    document.signed_scan.save(f"{document.file_stem}-signed", upload, save=False)
    document.signed_scan_type = content_type
    document.save(update_fields=["signed_scan", "signed_scan_type"])
    if document.case is not None:
        log_event(
            case=document.case,
            code=events.SCAN_ATTACHED,
            actor=actor,
            text=document.number_label,
            data={"document": document.pk},
        )
    return document


@transaction.atomic
def document_convert_again(*, actor: User, document: Document) -> Document:
    """Queue again the PDF of a document whose conversion failed (the DOCX is kept as it is)."""
    document = Document.objects.select_for_update(of=("self",)).get(pk=document.pk)
    enforce(may_convert_again(user=actor, document=document))
    document.conversion = Document.Conversion.PENDING
    document.conversion_error = ""
    document.save(update_fields=["conversion", "conversion_error"])
    _convert_later(document)
    return document


def document_convert(*, document_id: int, generation: int) -> Document.Conversion | None:
    """Convert the DOCX of ``document_id`` to PDF, if it is still at ``generation`` (a newer
    rendering has its own conversion queued). Called by the worker; safe to run twice."""
    document = Document.objects.filter(pk=document_id, generation=generation).first()
    if document is None or document.conversion == Document.Conversion.DONE:
        return None
    with document.docx.open("rb") as source:
        data = source.read()
    try:
        pdf = docx_to_pdf(data)
    except ConversionFailed as error:
        logger.warning("document %s: PDF conversion failed: %s", document_id, error)
        Document.objects.filter(pk=document_id, generation=generation).update(
            conversion=Document.Conversion.FAILED, conversion_error=str(error)[:255]
        )
        return Document.Conversion.FAILED
    with transaction.atomic():
        document = (
            Document.objects.select_for_update(of=("self",))
            .filter(pk=document_id, generation=generation)
            .first()
        )
        if document is None:
            return None  # drawn again meanwhile
        if document.pdf:
            document.pdf.delete(save=False)
        document.pdf.save(f"{document.file_stem}.pdf", ContentFile(pdf), save=False)
        document.conversion = Document.Conversion.DONE
        document.conversion_error = ""
        document.save(update_fields=["pdf", "conversion", "conversion_error"])
    return Document.Conversion.DONE


@transaction.atomic
def incoming_record(
    *,
    actor: User,
    register: Register,
    issuing_body: str,
    received_on: datetime.date,
    summary: str,
    sender_reference: str = "",
    document_date: datetime.date | None = None,
    case: Case | None = None,
    scan: UploadedFile | None = None,
) -> IncomingDocument:
    """Enter a document received in ``register`` with the next number received of its year.
    ``case`` must come from the actor's selector (the caller fetched it through it)."""
    enforce(may_record_incoming(user=actor))
    if register.direction != Register.Direction.IN:
        raise DocumentError(
            _("%(register)s is not a register of documents received.") % {"register": register}
        )
    incoming = IncomingDocument(
        register=register,
        number=0,
        year=received_on.year,
        sender_reference=sender_reference.strip(),
        document_date=document_date,
        issuing_body=issuing_body.strip(),
        received_on=received_on,
        summary=summary.strip(),
        case=case,
        recorded_by=actor,
    )
    if scan is not None:
        content_type = check_upload(scan)
        if content_type not in SCAN_TYPES:
            raise ValidationError(_("The scan must be a PDF or an image."), code="type")
        incoming.scan_type = content_type
    incoming.number = number_take(register=register, symbol="", year=received_on.year)
    incoming.search_text = fold(
        " ".join(
            [
                incoming.sender_reference,
                incoming.issuing_body,
                incoming.summary,
                case.reference if case else "",
            ]
        )
    )
    incoming.full_clean(exclude=["scan"])
    if scan is not None:
        incoming.scan.save(scan.name or "scan", scan, save=False)
    incoming.save()
    if case is not None:
        log_event(
            case=case,
            code=events.RECEIVED,
            actor=actor,
            text=f"{incoming.sender_reference} {incoming.issuing_body}: {incoming.summary}"[:2000],
            data={"incoming": incoming.pk},
        )
    return incoming


@transaction.atomic
def template_version_add(
    *,
    actor: User | None,
    template: DocumentTemplate,
    upload: UploadedFile | ContentFile[bytes],
    note: str = "",
) -> TemplateVersion:
    """A new version of ``template`` from ``upload``, refused when it is not a DOCX or uses a
    placeholder that does not exist (named in the message)."""
    upload.seek(0)
    template_check(upload.read())
    upload.seek(0)
    last = template.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = TemplateVersion(template=template, number=last + 1, note=note.strip(), uploaded_by=actor)
    version.file.save(f"{template.code}-v{last + 1}.docx", upload, save=False)
    version.save()
    return version

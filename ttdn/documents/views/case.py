"""The documents of a case: draft one, draw it again, issue it, attach its signed scan, download."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ttdn.accounts.models import User
from ttdn.cases.downloads import attachment_response
from ttdn.cases.errors import CaseError
from ttdn.cases.models import AccessLog, Case
from ttdn.cases.services.access import access_log_record
from ttdn.cases.views.decorators import case_view, request_user
from ttdn.cases.views.form_page import CaseFormPage
from ttdn.documents import services
from ttdn.documents.forms import DraftForm, IssueForm, RegenerateForm, ScanForm
from ttdn.documents.models import Document
from ttdn.documents.selectors import document_get_for

View = Callable[..., HttpResponseBase]

# The document forms sit folded on the case page; one sent with errors comes back on a page of
# its own, the errors beside the fields and what was typed kept.
DRAFT_PAGE = CaseFormPage(
    gettext_lazy("Draft a document"), gettext_lazy("Draft from the template"), anchor="documents"
)
REGENERATE_PAGE = CaseFormPage(
    gettext_lazy("Draw again from the case"), gettext_lazy("Draw again"), anchor="documents"
)
ISSUE_PAGE = CaseFormPage(gettext_lazy("Issue and number"), gettext_lazy("Issue"), anchor="documents")
SCAN_PAGE = CaseFormPage(
    gettext_lazy("Attach the signed scan"), gettext_lazy("Attach"), anchor="documents", multipart=True
)


def _form_again(
    request: HttpRequest, page: CaseFormPage, document: Document, form: forms.BaseForm
) -> HttpResponse:
    if document.case is None:  # a register's document: no case page to come back to
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(back_to(document))
    return page.render(request, case=document.case, form=form)


def back_to(document: Document) -> str:
    if document.case is not None:
        return f"{document.case.get_absolute_url()}#documents"
    return "/documents/"


def document_view(view: View) -> View:
    """The view gets ``(request, user, document)``: a document the user may not see is a 404,
    like a missing one; a refusal becomes a message where the document is shown."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponseBase:
        user = request_user(request)
        document = document_get_for(user=user, pk=pk)
        try:
            return view(request, user=user, document=document, **kwargs)
        except CaseError as error:
            messages.error(request, error.message)
            return redirect(back_to(document))

    return wrapper


@require_POST
@case_view(anchor="documents")
def document_draft_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    form = DRAFT_PAGE.form(request, DraftForm)
    if not form.is_valid():
        return DRAFT_PAGE.render(request, case=case, form=form)
    document = services.document_draft(actor=user, case=case, template=form.cleaned_data["template"])
    messages.success(
        request, _("%(summary)s was drafted; its PDF follows in a moment.") % {"summary": document.summary}
    )
    return redirect(f"{case.get_absolute_url()}#documents")


@require_POST
@document_view
def document_regenerate_view(request: HttpRequest, user: User, document: Document) -> HttpResponse:
    form = REGENERATE_PAGE.form(request, RegenerateForm)
    if not form.is_valid():
        return _form_again(request, REGENERATE_PAGE, document, form)
    document = services.document_regenerate(actor=user, document=document)
    messages.success(request, _("%(summary)s was drawn again from the case.") % {"summary": document.summary})
    return redirect(back_to(document))


@require_POST
@document_view
def document_issue_view(request: HttpRequest, user: User, document: Document) -> HttpResponse:
    form = ISSUE_PAGE.form(request, IssueForm, document=document)
    if not form.is_valid():
        return _form_again(request, ISSUE_PAGE, document, form)
    document = services.document_issue(
        actor=user,
        document=document,
        signer=form.cleaned_data["signer"],
        issued_on=form.cleaned_data["issued_on"],
        recipients=form.cleaned_data["recipients"],
    )
    messages.success(request, _("Issued as %(number)s.") % {"number": document.number_label})
    return redirect(back_to(document))


@require_POST
@document_view
def document_convert_view(request: HttpRequest, user: User, document: Document) -> HttpResponse:
    services.document_convert_again(actor=user, document=document)
    messages.success(
        request, _("The PDF of %(summary)s is being made again.") % {"summary": document.summary}
    )
    return redirect(back_to(document))


@require_POST
@document_view
def document_scan_view(request: HttpRequest, user: User, document: Document) -> HttpResponse:
    form = SCAN_PAGE.form(request, ScanForm)
    if not form.is_valid():
        return _form_again(request, SCAN_PAGE, document, form)
    try:
        services.document_attach_scan(actor=user, document=document, upload=form.cleaned_data["file"])
    except ValidationError as error:
        form.add_error("file", error)
        return _form_again(request, SCAN_PAGE, document, form)
    messages.success(
        request, _("The signed scan of %(number)s was attached.") % {"number": document.number_label}
    )
    return redirect(back_to(document))


FILES = {
    "docx": ("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("pdf", ".pdf", "application/pdf"),
    "scan": ("signed_scan", "", ""),
}


@require_GET
@document_view
def document_download(request: HttpRequest, user: User, document: Document, file: str) -> HttpResponseBase:
    field_name, suffix, content_type = FILES[file]
    stored = getattr(document, field_name)
    if not stored or not stored.storage.exists(stored.name):
        raise Http404
    if file == "scan":
        content_type = document.signed_scan_type
        suffix = ".pdf" if content_type == "application/pdf" else "." + content_type.rsplit("/", 1)[-1]
    filename = f"{document.file_stem}{'-signed' if file == 'scan' else ''}{suffix}"
    access_log_record(
        request=request, user=user, case=document.case, action=AccessLog.Action.DOWNLOAD, detail=filename
    )
    return attachment_response(stored, filename=filename, content_type=content_type)

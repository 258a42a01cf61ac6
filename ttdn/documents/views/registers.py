"""The registers of documents out and in: read, searched and exported through the selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.cases.downloads import attachment_response
from ttdn.cases.errors import CaseError
from ttdn.cases.models import AccessLog
from ttdn.cases.services.access import access_log_record
from ttdn.cases.views.decorators import request_user
from ttdn.documents.exports import XLSX, register_in_xlsx, register_out_xlsx
from ttdn.documents.forms_registers import IncomingFilterForm, IncomingForm, RegisterFilterForm
from ttdn.documents.policy import may_record_incoming
from ttdn.documents.selectors import incoming_get_for, register_in_for, register_out_for
from ttdn.documents.services import incoming_record
from ttdn.paging import page_of, query_without_page

PAGE_SIZE = 50


def _xlsx(request: HttpRequest, *, register: str, data: bytes, name: str) -> HttpResponse:
    """The register as XLSX, its export logged."""
    access_log_record(
        request=request, user=request_user(request), action=AccessLog.Action.EXPORT, detail=register
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def register_out(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = RegisterFilterForm(request.GET)
    wanted = form.cleaned_data if form.is_valid() else {}
    documents = register_out_for(
        user=user,
        q=wanted.get("q", ""),
        year=wanted.get("year"),
        doc_type=wanted.get("doc_type", ""),
        drafts=bool(wanted.get("drafts")),
    )
    if request.GET.get("format") == "xlsx":
        name = f"so-van-ban-di-{timezone.localdate():%Y%m%d}.xlsx"
        return _xlsx(
            request, register="register of documents out", data=register_out_xlsx(documents), name=name
        )
    page = page_of(request, documents, default=PAGE_SIZE)
    return render(
        request,
        "documents/register_out.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


@login_required
@require_GET
def register_in(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = IncomingFilterForm(request.GET)
    wanted = form.cleaned_data if form.is_valid() else {}
    incoming = register_in_for(user=user, q=wanted.get("q", ""), year=wanted.get("year"))
    if request.GET.get("format") == "xlsx":
        name = f"so-van-ban-den-{timezone.localdate():%Y%m%d}.xlsx"
        return _xlsx(request, register="register of documents in", data=register_in_xlsx(incoming), name=name)
    page = page_of(request, incoming, default=PAGE_SIZE)
    return render(
        request,
        "documents/register_in.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_record": may_record_incoming(user=user) is None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def incoming_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    refusal = may_record_incoming(user=user)
    if refusal is not None:
        raise PermissionDenied(refusal)
    form = IncomingForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = incoming_record(
                actor=user,
                register=data["register"],
                issuing_body=data["issuing_body"],
                received_on=data["received_on"],
                summary=data["summary"],
                sender_reference=data["sender_reference"],
                document_date=data["document_date"],
                case=data["case_reference"],
                scan=data["scan"],
            )
        except ValidationError as error:
            form.add_error("scan", error)
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Recorded as number %(number)02d received in %(year)s.")
                % {"number": entry.number, "year": entry.year},
            )
            return redirect("documents:register_in")
    return render(request, "documents/incoming_form.html", {"form": form})


@login_required
@require_GET
def incoming_scan(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = request_user(request)
    entry = incoming_get_for(user=user, pk=pk)
    if not entry.scan or not entry.scan.storage.exists(entry.scan.name):
        raise Http404
    suffix = ".pdf" if entry.scan_type == "application/pdf" else "." + entry.scan_type.rsplit("/", 1)[-1]
    filename = f"van-ban-den-{entry.number:02d}-{entry.year}{suffix}"
    access_log_record(
        request=request, user=user, case=entry.case, action=AccessLog.Action.DOWNLOAD, detail=filename
    )
    return attachment_response(entry.scan, filename=filename, content_type=entry.scan_type)

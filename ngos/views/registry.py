"""The registry's pages: the list, an NGO's page, and its forms (each on a page of its own).
Every NGO is fetched through ``ngos_visible_to`` (a 404 for one the user may not see); the
forms are refused (403) to those who only read the registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from mimetypes import guess_type
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ngos.forms_registry import CertificateForm, ContactForm, FilingReceiptForm, NgoForm, RegistryFilter
from ngos.models import Ngo
from ngos.policy import may_manage_ngos
from ngos.selectors_registry import (
    certificate_get_for,
    certificate_state,
    contact_get,
    filing_get_for,
    ngo_get_for,
    ngo_page_data,
    ngos_listed,
)
from ngos.services.registry import (
    NgoData,
    Receipt,
    certificate_add,
    certificate_update,
    contact_set,
    filing_record,
    ngo_create,
    ngo_update,
)
from ttdn.accounts.models import User
from ttdn.cases.downloads import attachment_response
from ttdn.cases.errors import CaseError
from ttdn.cases.models import AccessLog
from ttdn.cases.services.access import access_log_record
from ttdn.cases.views.decorators import refuse, request_user
from ttdn.paging import page_of, query_without_page

View = Callable[..., HttpResponseBase]


def ngo_view(view: View) -> View:
    """Signed in; the view gets ``(request, user, ngo, **rest)`` with the NGO fetched through the
    registry's selector (404 for one the user may not see)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponseBase:
        user = request_user(request)
        return view(request, user, ngo_get_for(user=user, pk=pk), **kwargs)

    return wrapper


@dataclass(frozen=True)
class NgoFormPage:
    title: str | Promise
    submit: str | Promise
    anchor: str
    multipart: bool = False

    def back_url(self, ngo: Ngo | None) -> str:
        return f"{ngo_url(ngo)}#{self.anchor}" if ngo is not None else reverse("ngos:list")

    def render(self, request: HttpRequest, *, ngo: Ngo | None, form: forms.BaseForm) -> HttpResponse:
        return render(
            request,
            "ngos/form_page.html",
            {"ngo": ngo, "form": form, "page": self, "back": self.back_url(ngo)},
            status=400 if form.errors else 200,
        )

    def bound(self, request: HttpRequest, form_class: type[Any], **kwargs: Any) -> Any:
        if request.method != "POST":
            return form_class(**kwargs)
        if self.multipart:
            return form_class(request.POST, request.FILES, **kwargs)
        return form_class(request.POST, **kwargs)


def ngo_url(ngo: Ngo) -> str:
    return reverse("ngos:detail", kwargs={"pk": ngo.pk})


NGO_NEW = NgoFormPage(gettext_lazy("New foreign NGO"), gettext_lazy("Add to the registry"), anchor="")
NGO_EDIT = NgoFormPage(gettext_lazy("Edit the NGO"), gettext_lazy("Save"), anchor="profile")
CERTIFICATE_NEW = NgoFormPage(
    gettext_lazy("Record a certificate"), gettext_lazy("Record"), anchor="certificates", multipart=True
)
CERTIFICATE_EDIT = NgoFormPage(
    gettext_lazy("Correct the certificate"), gettext_lazy("Save"), anchor="certificates", multipart=True
)
CONTACT_NEW = NgoFormPage(gettext_lazy("Add a contact"), gettext_lazy("Add"), anchor="contacts")
CONTACT_EDIT = NgoFormPage(gettext_lazy("Edit the contact"), gettext_lazy("Save"), anchor="contacts")
FILING_RECORD = NgoFormPage(
    gettext_lazy("Record the filing's arrival"), gettext_lazy("Record"), anchor="filings", multipart=True
)


def _errors_to(form: forms.BaseForm, error: ValidationError | CaseError) -> None:
    if isinstance(error, CaseError):
        form.add_error(None, error.message)
    elif hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_GET
def ngo_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = RegistryFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    ngos = ngos_listed(
        user=user,
        search=data.get("q", ""),
        state=data.get("certificate", ""),
        country=data.get("country", ""),
    )
    page = page_of(request, ngos)
    today = timezone.localdate()
    rows = [(ngo, certificate_state(ngo.certificate_until, today)) for ngo in page]
    return render(
        request,
        "ngos/ngo_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query_without_page(request),
            "can_manage": may_manage_ngos(user=user) is None,
        },
    )


@ngo_view
@require_GET
def ngo_detail(request: HttpRequest, user: User, ngo: Ngo) -> HttpResponse:
    return render(
        request,
        "ngos/ngo_detail.html",
        {"ngo": ngo, "can_manage": may_manage_ngos(user=user) is None, **ngo_page_data(user=user, ngo=ngo)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ngo_create_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    refuse(may_manage_ngos(user=user))
    initial = {}
    if request.GET.get("organisation", "").isdigit():
        initial["organisation"] = request.GET["organisation"]
    form = NGO_NEW.bound(request, NgoForm, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ngo = ngo_create(
                actor=user, data=NgoData.of(form.cleaned_data), organisation=form.cleaned_data["organisation"]
            )
        except (ValidationError, CaseError) as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("%(name)s is in the registry.") % {"name": ngo})
            return redirect(ngo_url(ngo))
    return NGO_NEW.render(request, ngo=None, form=form)


@ngo_view
@require_http_methods(["GET", "POST"])
def ngo_edit_view(request: HttpRequest, user: User, ngo: Ngo) -> HttpResponse:
    refuse(may_manage_ngos(user=user))
    organisation = ngo.organisation
    initial = {
        "name": organisation.name,
        "name_vi": organisation.name_vi,
        "country": organisation.country.code,
        "website": organisation.website,
        **{name: getattr(ngo, name) for name in ("acronym", "headquarters", "fields_of_work", "notes")},
    }
    form = NGO_EDIT.bound(request, NgoForm, initial=initial, taking_in=False)
    if request.method == "POST" and form.is_valid():
        try:
            ngo_update(actor=user, ngo=ngo, data=NgoData.of(form.cleaned_data))
        except (ValidationError, CaseError) as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The NGO was saved."))
            return redirect(NGO_EDIT.back_url(ngo))
    return NGO_EDIT.render(request, ngo=ngo, form=form)


@ngo_view
@require_http_methods(["GET", "POST"])
def certificate_edit_view(
    request: HttpRequest, user: User, ngo: Ngo, certificate_pk: int | None = None
) -> HttpResponse:
    refuse(may_manage_ngos(user=user))
    certificate = certificate_get_for(user=user, ngo=ngo, pk=certificate_pk) if certificate_pk else None
    page = CERTIFICATE_EDIT if certificate else CERTIFICATE_NEW
    form = page.bound(request, CertificateForm, instance=certificate)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in CertificateForm.Meta.fields}
        try:
            if certificate is None:
                certificate_add(actor=user, ngo=ngo, values=values, upload=form.cleaned_data["scan"])
            else:
                certificate_update(
                    actor=user, certificate=certificate, values=values, upload=form.cleaned_data["scan"]
                )
        except (ValidationError, CaseError) as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The certificate was recorded; the filings it calls for are owed."))
            return redirect(page.back_url(ngo))
    return page.render(request, ngo=ngo, form=form)


@ngo_view
@require_http_methods(["GET", "POST"])
def contact_edit_view(
    request: HttpRequest, user: User, ngo: Ngo, contact_pk: int | None = None
) -> HttpResponse:
    refuse(may_manage_ngos(user=user))
    contact = contact_get(ngo=ngo, pk=contact_pk) if contact_pk else None
    page = CONTACT_EDIT if contact else CONTACT_NEW
    form = page.bound(request, ContactForm, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            contact_set(actor=user, ngo=ngo, contact=contact, values=form.cleaned_data)
        except (ValidationError, CaseError) as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The contact was saved."))
            return redirect(page.back_url(ngo))
    return page.render(request, ngo=ngo, form=form)


@ngo_view
@require_http_methods(["GET", "POST"])
def filing_record_view(request: HttpRequest, user: User, ngo: Ngo, filing_pk: int) -> HttpResponse:
    refuse(may_manage_ngos(user=user))
    filing = filing_get_for(user=user, ngo=ngo, pk=filing_pk)
    form = FILING_RECORD.bound(request, FilingReceiptForm, instance=filing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        receipt = Receipt(
            received_on=data["received_on"],
            document_number=data["document_number"],
            document_date=data["document_date"],
            notes=data["notes"],
        )
        try:
            filing_record(actor=user, filing=filing, receipt=receipt, upload=data["document"])
        except (ValidationError, CaseError) as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The filing's arrival was recorded."))
            return redirect(FILING_RECORD.back_url(ngo))
    return FILING_RECORD.render(request, ngo=ngo, form=form)


def _download(request: HttpRequest, user: User, file: FieldFile, name: str) -> HttpResponseBase:
    if not file or not file.name or not file.storage.exists(file.name):
        raise Http404
    access_log_record(request=request, user=user, action=AccessLog.Action.DOWNLOAD, detail=name)
    content_type = guess_type(name)[0] or "application/octet-stream"
    return attachment_response(file, filename=name, content_type=content_type)


@ngo_view
@require_GET
def certificate_scan(request: HttpRequest, user: User, ngo: Ngo, certificate_pk: int) -> HttpResponseBase:
    certificate = certificate_get_for(user=user, ngo=ngo, pk=certificate_pk)
    return _download(request, user, certificate.file, certificate.original_name or "scan")


@ngo_view
@require_GET
def filing_document(request: HttpRequest, user: User, ngo: Ngo, filing_pk: int) -> HttpResponseBase:
    filing = filing_get_for(user=user, ngo=ngo, pk=filing_pk)
    return _download(request, user, filing.file, filing.original_name or "document")

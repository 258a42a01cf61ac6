"""The pages of report requests and contributions: thin, on the selectors and services; what a
user may not see is a 404, what their role may not do a 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ttdn.accounts.roles import roles_of
from ttdn.cases.downloads import attachment_response
from ttdn.cases.errors import CaseError
from ttdn.cases.models import AccessLog
from ttdn.cases.services.access import access_log_record
from ttdn.cases.views.decorators import refuse, request_user
from ttdn.documents.forms import IssueForm
from ttdn.documents.views.case import FILES
from ttdn.paging import page_of
from ttdn.reports import exports
from ttdn.reports.contributions import policy, services
from ttdn.reports.contributions.filled import agency_figures, agency_progress
from ttdn.reports.contributions.forms import ContributionForm, RequestForm
from ttdn.reports.contributions.selectors import (
    contribution_get_for,
    contributions_of,
    reminders_of,
    request_get_for,
    request_list_for,
)
from ttdn.reports.models import SECTIONS, Contribution, ReportRequest


def _request_url(report_request: ReportRequest) -> str:
    return reverse("reports:request_detail", kwargs={"pk": report_request.pk})


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not roles_of(user):
        raise PermissionDenied
    return render(
        request,
        "reports/request_list.html",
        {
            "page": page_of(request, request_list_for(user=user)),
            "can_manage": policy.may_manage_requests(user=user) is None,
            "sees_all": policy.sees_every_request(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    refuse(policy.may_manage_requests(user=user))
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.request_create(
                actor=user,
                data=services.RequestData(
                    title=data["title"],
                    period=form.period(timezone.localdate()),
                    due_on=data["due_on"],
                    agencies=list(data["agencies"]),
                    instructions=data.get("instructions", ""),
                ),
            )
        except (ValidationError, ValueError) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The request was saved as a draft: check it, then send it."))
            return redirect(_request_url(created))
    return render(request, "reports/request_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    report_request = request_get_for(user=user, pk=pk)
    contributions = list(contributions_of(user=user, request=report_request))
    can_manage = policy.may_manage_requests(user=user) is None
    document = report_request.document
    return render(
        request,
        "reports/request_detail.html",
        {
            "req": report_request,
            "agencies": report_request.agencies.order_by("name_vi")
            if report_request.status == "draft"
            else [],
            "contributions": contributions,
            "submitted_count": sum(1 for c in contributions if c.is_submitted),
            "reminders": reminders_of(request=report_request) if can_manage else [],
            "can_send": policy.may_send_request(user=user, request=report_request) is None,
            "can_remind": policy.may_remind(user=user, request=report_request) is None
            and any(not c.is_submitted for c in contributions),
            "can_compile": policy.may_compile(user=user, request=report_request) is None,
            "issue_form": IssueForm(document=document)
            if document is not None and not document.is_issued and can_manage
            else None,
            "document": document,
            "pdf_ready": bool(document and document.pdf),
        },
    )


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = request_user(request)
    report_request = request_get_for(user=user, pk=pk)
    try:
        if action == "send":
            services.request_send(actor=user, request=report_request)
            messages.success(request, _("The request was sent to the agencies."))
        elif action == "remind":
            sent = services.request_remind(actor=user, request=report_request)
            messages.success(request, _("%(count)s agencies were reminded.") % {"count": len(sent)})
        else:
            services.request_compile(actor=user, request=report_request)
            messages.success(request, _("The report was compiled; its PDF follows in a moment."))
    except CaseError as error:
        refuse(policy.may_manage_requests(user=user))  # the role: 403; the state: a message
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_request_url(report_request))


@login_required
@require_POST
def request_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "send")


@login_required
@require_POST
def request_remind(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "remind")


@login_required
@require_POST
def request_compile(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "compile")


@login_required
@require_POST
def request_issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    report_request = request_get_for(user=user, pk=pk)
    refuse(policy.may_manage_requests(user=user))
    form = IssueForm(request.POST, document=report_request.document)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_request_url(report_request))
    try:
        services.request_issue(actor=user, request=report_request, **{
            k: form.cleaned_data[k] for k in ("signer", "issued_on", "recipients")})  # fmt: skip
    except (CaseError, ValidationError) as error:
        messages.error(request, error.message if isinstance(error, CaseError) else " ".join(error.messages))
    else:
        messages.success(request, _("The compiled report was issued with its number."))
    return redirect(_request_url(report_request))


@login_required
@require_GET
def request_download(request: HttpRequest, pk: int, file: str) -> HttpResponseBase:
    """The compiled report's DOCX or PDF, to whoever may see the request."""
    user = request_user(request)
    report_request = request_get_for(user=user, pk=pk)
    document = report_request.document
    if document is None or file not in ("docx", "pdf"):
        raise Http404
    field_name, suffix, content_type = FILES[file]
    stored = getattr(document, field_name)
    if not stored or not stored.storage.exists(stored.name):
        raise Http404
    filename = f"{document.file_stem}{suffix}"
    access_log_record(
        request=request, user=user, case=None, action=AccessLog.Action.DOWNLOAD, detail=filename
    )
    return attachment_response(stored, filename=filename, content_type=content_type)


@login_required
@require_http_methods(["GET", "POST"])
def contribution(request: HttpRequest, pk: int) -> HttpResponse:
    """An agency's contribution: its figures and tasks' progress filled in, its narrative to write
    while it is a draft, and submitting it (with a tick to confirm)."""
    user = request_user(request)
    item = contribution_get_for(user=user, pk=pk)
    editable = policy.may_edit_contribution(user=user, contribution=item) is None
    form = ContributionForm(request.POST or None, instance=item)
    if request.method == "POST":
        refusal = policy.may_edit_contribution(user=user, contribution=item)
        if refusal is not None and not refusal.by_role:  # submitted, or the report compiled
            messages.error(request, refusal)
            return redirect("reports:contribution", pk=item.pk)
        refuse(refusal)
        submitting = request.POST.get("action") == "submit"
        if form.is_valid() and (not submitting or form.check_submit()):
            try:
                if submitting:
                    services.contribution_submit(actor=user, contribution=item, texts=form.texts())
                    messages.success(request, _("The contribution was submitted."))
                else:
                    services.contribution_save(actor=user, contribution=item, texts=form.texts())
                    messages.success(request, _("The draft was saved; the figures were taken again."))
            except ValidationError as error:
                form.add_error(None, error)
            except CaseError as error:
                form.add_error(None, error.message)
            else:
                return redirect("reports:contribution", pk=item.pk)
        item.refresh_from_db()
    if not item.figures and editable:  # a draft never saved: its figures as they are now
        item.figures = agency_figures(user=user, period=item.request.period())
        item.progress = agency_progress(agency=item.agency, period=item.request.period())
    return render(
        request,
        "reports/contribution.html",
        {
            "item": item,
            "req": item.request,
            "form": form if editable else None,
            "sections": [(title, getattr(item, name)) for name, title in SECTIONS],
            "summary": exports.summary_rows(item.figures) if item.figures else [],
            "status_draft": item.status == Contribution.Status.DRAFT,
        },
        status=400 if form.errors else 200,
    )

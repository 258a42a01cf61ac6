from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases import kinds
from ttdn.cases.errors import CaseError
from ttdn.cases.filters import CaseFilter
from ttdn.cases.forms import AttachmentForm, ReasonForm
from ttdn.cases.history import case_timeline
from ttdn.cases.selectors import case_get_for, case_list_for, dashboard_for
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.cases import CLOSED_STATUSES
from ttdn.cases.services.workflow import TRANSITIONS, blockers, case_transition, transitions_for

PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required and AUTH_USER_MODEL
    return request.user


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "cases/dashboard.html",
        {
            "board": dashboard_for(user=user),
            "kinds": kinds.all_kinds(),
            "can_create": has_role(user, Role.PROTOCOL),
        },
    )


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    case_filter = CaseFilter(request.GET or None, queryset=case_list_for(user=user))
    page = Paginator(case_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": case_filter,
            "page": page,
            "query": query.urlencode(),
            "sort": request.GET.get("sort", ""),
            "kinds": kinds.all_kinds(),
            "can_create": has_role(user, Role.PROTOCOL),
        },
    )


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = case_get_for(user=user, pk=pk)
    kind = kinds.get(case.kind)
    possible = transitions_for(user=user, case=case)
    blocked = {t.name: blockers(case=case, transition=t.name) for t in possible}
    can_edit = has_role(user, Role.PROTOCOL) and case.status not in CLOSED_STATUSES
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "kind": kind,
            "participants": case.participants.select_related("person").all(),
            "programme": case.programme_items.all(),
            "attachments": case.attachments.select_related("uploaded_by").all(),
            "timeline": case_timeline(
                case_id=case.pk, extension_models=[kind.extension_model] if kind.extension_model else []
            ),
            "transitions": [t for t in possible if not blocked[t.name]],
            "blocked": [(t, blocked[t.name]) for t in possible if blocked[t.name]],
            "can_edit": can_edit,
            "attachment_form": AttachmentForm() if can_edit else None,
            "reason_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def case_transition_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    user = _user(request)
    case = case_get_for(user=user, pk=pk)
    if name not in TRANSITIONS:
        raise Http404
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        case = case_transition(actor=user, case=case, name=name, reason=form.cleaned_data.get("reason", ""))
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(reference)s is now %(status)s.")
            % {"reference": case.reference, "status": case.get_status_display().lower()},
        )
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = case_get_for(user=user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = attachment_add(
                actor=user,
                case=case,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
            )
        except (CaseError, ValidationError) as error:
            message = error.message if isinstance(error, CaseError) else " ".join(error.messages)
            messages.error(request, message)
        else:
            messages.success(request, _("%(name)s was attached.") % {"name": attachment.original_name})
    else:
        for field_errors in form.errors.values():
            for field_error in field_errors:
                messages.error(request, str(field_error))
    return redirect(f"{case.get_absolute_url()}#attachments")


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    case = case_get_for(user=_user(request), pk=pk)
    attachment = case.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response

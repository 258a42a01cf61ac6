from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases import kinds
from ttdn.cases.downloads import attachment_response
from ttdn.cases.errors import CaseError
from ttdn.cases.filters import CaseFilter
from ttdn.cases.forms import AccessForm, AttachmentForm, ReasonForm
from ttdn.cases.forms_review import AnswerForm, FollowUpCloseForm, FollowUpForm, SecrecyMarkForm, WaiverForm
from ttdn.cases.identity import identity_visible, participant_rows
from ttdn.cases.models import AccessLog, Case, FollowUp, Review
from ttdn.cases.permissions import need_to_know_of, referral_sight_of
from ttdn.cases.selectors import case_get_for, case_list_for, dashboard_for, followups_for
from ttdn.cases.services.access import (
    access_log_record,
    access_log_restricted_reads,
    case_grant_access,
    case_revoke_access,
)
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.followups import followup_may_close
from ttdn.cases.services.workflow import TRANSITIONS, blockers, case_transition, transitions_for
from ttdn.cases.timeline import timeline_for
from ttdn.cases.views import form_errors_to_messages

PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required and AUTH_USER_MODEL
    return request.user


def _followup_close_form(*, user: User, followup: FollowUp) -> FollowUpCloseForm | None:
    """The small form of an open follow-up this user may close (a report: protocol may cancel it)."""
    if followup.status != FollowUp.Status.OPEN or not followup_may_close(user=user, followup=followup):
        return None
    auto_id = f"id_followup{followup.pk}_%s"
    if followup.kind == FollowUp.Kind.REPORT:
        return FollowUpCloseForm(auto_id=auto_id, cancel_only=True) if has_role(user, Role.PROTOCOL) else None
    return FollowUpCloseForm(auto_id=auto_id)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "cases/dashboard.html",
        {
            "board": dashboard_for(user=user),
            "followups": list(followups_for(user)[:50]),
            "today": timezone.localdate(),
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
    can_edit = has_role(user, Role.PROTOCOL) and case.is_editable
    manages_access = has_role(user, Role.PROTOCOL, Role.ADMIN)
    access_log_restricted_reads(request=request, user=user, cases=[case])
    participants = list(case.participants.select_related("person"))
    return render(
        request,
        "cases/case_detail.html",
        {
            **(kind.detail_context(case, user) if kind.detail_context else {}),
            "case": case,
            "kind": kind,
            "participants": participant_rows(
                participants=participants, visible=identity_visible(user=user, case=case)
            ),
            "reviews": _reviews_of(case),
            # Each open follow-up the user may close gets its own small form (own element ids).
            "followups": [
                (followup, _followup_close_form(user=user, followup=followup))
                for followup in case.follow_ups.select_related(
                    "assignee_user", "assignee_agency", "closed_by"
                )
            ],
            "fileable_reports": {
                followup.pk
                for followup in case.follow_ups.filter(kind=FollowUp.Kind.REPORT, status=FollowUp.Status.OPEN)
                if followup_may_close(user=user, followup=followup)
            },
            "followup_form": FollowUpForm(case=case) if can_edit else None,
            "answer_form": AnswerForm() if has_role(user, Role.PROTOCOL) else None,
            "waiver_form": WaiverForm() if has_role(user, Role.LEADER) else None,
            "secrecy_marks": case.secrecy_marks.all(),
            "secrecy_form": SecrecyMarkForm() if can_edit else None,
            "need_to_know": need_to_know_of(case=case) if manages_access and case.is_restricted else None,
            "access_form": AccessForm() if manages_access and case.is_restricted else None,
            "police_sight": referral_sight_of(case=case) if case.is_restricted else None,
            "programme": case.programme_items.all(),
            "attachments": case.attachments.select_related("uploaded_by").all(),
            "timeline": timeline_for(user=user, case=case),
            "transitions": [t for t in possible if not blocked[t.name]],
            "blocked": [(t, blocked[t.name]) for t in possible if blocked[t.name]],
            "can_edit": can_edit,
            "attachment_form": AttachmentForm() if can_edit else None,
            "reason_form": ReasonForm(),
            "today": timezone.localdate(),
        },
    )


def _reviews_of(case: Case) -> list[Review]:
    """Every review in order, with its questions and waiver, in three queries."""
    return list(
        case.reviews.select_related("assigned_to", "decided_by", "police_agency", "waiver__waived_by")
        .prefetch_related("questions__asked_by", "questions__answered_by")
        .order_by("number")
    )


@login_required
@require_POST
def case_transition_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    user = _user(request)
    case = case_get_for(user=user, pk=pk)
    if name not in TRANSITIONS:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():  # a reason over the limit: refused whole, never cut
        form_errors_to_messages(request, form)
        return redirect("cases:detail", pk=case.pk)
    try:
        case = case_transition(actor=user, case=case, name=name, reason=form.cleaned_data["reason"])
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
        form_errors_to_messages(request, form)
    return redirect(f"{case.get_absolute_url()}#attachments")


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    case = case_get_for(user=_user(request), pk=pk)
    attachment = case.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    if not attachment.file.storage.exists(attachment.file.name):
        raise Http404  # the row outlived its file (say, a restore from an old backup)
    access_log_record(
        request=request,
        user=_user(request),
        case=case,
        action=AccessLog.Action.DOWNLOAD,
        detail=attachment.original_name,
    )
    return attachment_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@login_required
@require_POST
def access_change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Grant or revoke need-to-know access to a restricted case, for a user or an agency."""
    user = _user(request)
    case = case_get_for(user=user, pk=pk)
    form = AccessForm(request.POST)
    if action not in ("grant", "revoke") or not form.is_valid():
        messages.error(request, _("Choose a user or an agency."))
        return redirect(f"{case.get_absolute_url()}#access")
    users = [form.cleaned_data["user"]] if form.cleaned_data.get("user") else []
    agencies = [form.cleaned_data["agency"]] if form.cleaned_data.get("agency") else []
    change = case_grant_access if action == "grant" else case_revoke_access
    try:
        change(actor=user, case=case, users=users, agencies=agencies)
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The need-to-know list was updated."))
    return redirect(f"{case.get_absolute_url()}#access")

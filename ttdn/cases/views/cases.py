from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ttdn.accounts.models import User
from ttdn.cases import kinds
from ttdn.cases.downloads import attachment_response
from ttdn.cases.filters import CaseFilter
from ttdn.cases.forms import AccessForm, AttachmentForm, ReasonForm
from ttdn.cases.forms_review import AnswerForm, FollowUpCloseForm, SecrecyMarkForm, WaiverForm
from ttdn.cases.identity import identity_visible, participant_rows
from ttdn.cases.models import AccessLog, Case, FollowUp, Participant, Review, ReviewQuestion
from ttdn.cases.panels import panels_for
from ttdn.cases.permissions import need_to_know_of, referral_sight_of
from ttdn.cases.policy import (
    Ability,
    case_abilities,
    may_cancel_followup,
    may_complete_followup,
    may_create_case,
    may_file_report,
    may_transition,
)
from ttdn.cases.selectors import case_list_for
from ttdn.cases.services.access import (
    access_log_record,
    access_log_restricted_reads,
    case_grant_access,
    case_revoke_access,
)
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.workflow import TRANSITIONS, case_transition, transition_warning
from ttdn.cases.timeline import timeline_for
from ttdn.cases.views import approval, form_errors_to_messages
from ttdn.cases.views.decorators import case_view, request_user
from ttdn.paging import page_of, query_without_page

PAGE_SIZE = 25

# The case page's history shows the newest entries: a long case (200 participants, each added
# with its history row) would otherwise render hundreds of them on every visit.
TIMELINE_ON_CASE_PAGE = 30
# Likewise the first participants of a large delegation.
PARTICIPANTS_ON_CASE_PAGE = 50


@dataclass(frozen=True)
class FollowUpRow:
    """A follow-up on the case page, with what this user may do to it."""

    followup: FollowUp
    # The small form to mark it done or cancel it, with its own element ids; None: neither.
    close_form: FollowUpCloseForm | None
    file_report: Ability


def _followup_row(*, user: User, case: Case, followup: FollowUp) -> FollowUpRow:
    done = may_complete_followup(user=user, followup=followup) is None
    cancel = may_cancel_followup(user=user, followup=followup) is None
    close_form = (
        FollowUpCloseForm(auto_id=f"id_followup{followup.pk}_%s", done=done, cancel=cancel)
        if done or cancel
        else None
    )
    report = Ability(may_file_report(user=user, case=case, followup=followup))
    return FollowUpRow(followup, close_form, report)


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    case_filter = CaseFilter(request.GET or None, queryset=case_list_for(user=user))
    page = page_of(request, case_filter.qs, default=PAGE_SIZE)
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": case_filter,
            "page": page,
            "query": query_without_page(request),
            "sort": request.GET.get("sort", ""),
            "kinds": kinds.all_kinds(),
            "can_create": may_create_case(user=user) is None,
        },
    )


@require_GET
@case_view()
def case_detail(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    kind = kinds.get(case.kind)
    access_log_restricted_reads(request=request, user=user, cases=[case])
    # Read once here, the abilities' rules (participants to submit, the last review, an open
    # question) and the page use the same rows.
    prefetch_related_objects(
        [case],
        Prefetch("participants", queryset=Participant.objects.select_related("person")),
        Prefetch("reviews", queryset=_reviews_queryset()),
    )
    participants = list(case.participants.all())
    reviews = list(case.reviews.all())
    abilities = case_abilities(user=user, case=case)
    transitions = abilities.transitions()
    manages_access = bool(abilities["manage_access"])
    timeline = timeline_for(user=user, case=case)
    return render(
        request,
        "cases/case_detail.html",
        {
            **(kind.detail_context(case, user) if kind.detail_context else {}),
            "case": case,
            "kind": kind,
            "abilities": abilities,
            # the first ones; all of them have their own page
            "participants": participant_rows(
                participants=participants[:PARTICIPANTS_ON_CASE_PAGE],
                visible=identity_visible(user=user, case=case),
            ),
            "participants_count": len(participants),
            "reviews": reviews,
            "conditions": reviews[-1].standing_conditions if reviews else "",
            "followups": [
                _followup_row(user=user, case=case, followup=followup)
                for followup in case.follow_ups.select_related(
                    "assignee_user", "assignee_agency", "closed_by"
                )
            ],
            "answer_form": AnswerForm() if abilities["answer_review"] else None,
            "waiver_form": WaiverForm() if abilities["waive"] else None,
            "secrecy_marks": case.secrecy_marks.all(),
            "secrecy_form": SecrecyMarkForm() if abilities["record_secrecy_mark"] else None,
            "need_to_know": need_to_know_of(case=case) if manages_access and case.is_restricted else None,
            "access_form": AccessForm() if manages_access and case.is_restricted else None,
            "police_sight": referral_sight_of(case=case) if case.is_restricted else None,
            "programme": case.programme_items.all(),
            "attachments": case.attachments.select_related("uploaded_by").all(),
            # the newest entries; the whole history has its own page
            "timeline": timeline[:TIMELINE_ON_CASE_PAGE],
            "timeline_count": len(timeline),
            "transitions": [transition for transition, ability in transitions if ability],
            "blocked": [(transition, ability.reason) for transition, ability in transitions if not ability],
            "attachment_form": AttachmentForm() if abilities["upload"] else None,
            "core_panels": panels_for(case=case, user=user),
        },
    )


@require_GET
@case_view()
def case_participants(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """All the participants of the case, identity data as on the case page."""
    access_log_restricted_reads(request=request, user=user, cases=[case])
    participants = list(case.participants.select_related("person"))
    rows = participant_rows(participants=participants, visible=identity_visible(user=user, case=case))
    return _section_page(request, case, _("Participants"), "participants", rows=rows, name="participants")


@require_GET
@case_view()
def case_history(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """Everything that happened to the case, newest first (the case page shows the newest)."""
    access_log_restricted_reads(request=request, user=user, cases=[case])
    timeline = timeline_for(user=user, case=case)
    return _section_page(request, case, _("History"), "history", rows=timeline, name="timeline")


def _section_page(
    request: HttpRequest, case: Case, title: str, anchor: str, *, rows: list[Any], name: str
) -> HttpResponse:
    """A section of the case whole, on its own page: its template ``cases/_<anchor>.html`` reads
    the ``rows`` as ``name``, as the case page gives them."""
    context = {"case": case, "title": title, "count": len(rows), "anchor": anchor, name: rows}
    return render(
        request, "cases/case_section.html", {**context, "section_template": f"cases/_{anchor}.html"}
    )


def _reviews_queryset() -> QuerySet[Review]:
    """Every review in order, with its questions and waiver, in two queries."""
    return (
        Review.objects.select_related("assigned_to", "decided_by", "police_agency", "waiver__waived_by")
        .prefetch_related(
            Prefetch("questions", queryset=ReviewQuestion.objects.select_related("asked_by", "answered_by"))
        )
        .order_by("number")
    )


@require_POST
@case_view()
def case_transition_view(request: HttpRequest, user: User, case: Case, name: str) -> HttpResponse:
    if name not in TRANSITIONS:
        raise Http404
    if name == approval.APPROVE:  # the approving document first
        return approval.approve(request, user, case)
    form = ReasonForm(request.POST)
    if not form.is_valid():  # a reason over the limit: refused whole, never cut
        form_errors_to_messages(request, form)
        return redirect("cases:detail", pk=case.pk)
    reason = form.cleaned_data["reason"]
    transition = TRANSITIONS[name]
    warning = transition_warning(case=case, name=name)
    # A consequential move is first said, then made once confirmed; one the service will refuse
    # anyway (no reason given, not this user's to make) is refused at once.
    asks = warning and request.POST.get("confirmed") != "yes" and (reason or not transition.needs_reason)
    if asks and may_transition(user=user, case=case, name=name) is None:
        context = {"case": case, "transition": transition, "warning": warning, "reason": reason}
        return render(request, "cases/transition_confirm.html", context)
    case = case_transition(actor=user, case=case, name=name, reason=reason)
    messages.success(
        request,
        _("%(reference)s is now %(status)s.")
        % {"reference": case.reference, "status": case.get_status_display().lower()},
    )
    return redirect("cases:detail", pk=case.pk)


@require_POST
@case_view(anchor="attachments")
def attachment_upload(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(f"{case.get_absolute_url()}#attachments")
    try:
        attachment = attachment_add(
            actor=user,
            case=case,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data["description"],
        )
    except ValidationError as error:  # a file the upload check refused
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was attached.") % {"name": attachment.original_name})
    return redirect(f"{case.get_absolute_url()}#attachments")


@require_GET
@case_view()
def attachment_download(request: HttpRequest, user: User, case: Case, attachment_pk: int) -> HttpResponseBase:
    attachment = case.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    if not attachment.file.storage.exists(attachment.file.name):
        raise Http404  # the row outlived its file (say, a restore from an old backup)
    access_log_record(
        request=request,
        user=user,
        case=case,
        action=AccessLog.Action.DOWNLOAD,
        detail=attachment.original_name,
    )
    return attachment_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@require_POST
@case_view(anchor="access")
def access_change(request: HttpRequest, user: User, case: Case, action: str) -> HttpResponse:
    """Grant or revoke need-to-know access to a restricted case, for a user or an agency."""
    form = AccessForm(request.POST)
    if action not in ("grant", "revoke") or not form.is_valid():
        messages.error(request, _("Choose a user or an agency."))
        return redirect(f"{case.get_absolute_url()}#access")
    users = [form.cleaned_data["user"]] if form.cleaned_data.get("user") else []
    agencies = [form.cleaned_data["agency"]] if form.cleaned_data.get("agency") else []
    change = case_grant_access if action == "grant" else case_revoke_access
    change(actor=user, case=case, users=users, agencies=agencies)
    messages.success(request, _("The need-to-know list was updated."))
    return redirect(f"{case.get_absolute_url()}#access")

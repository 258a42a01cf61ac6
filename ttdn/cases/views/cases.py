from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ttdn.accounts.models import User
from ttdn.cases import kinds
from ttdn.cases.downloads import attachment_response
from ttdn.cases.forms import AccessForm, AttachmentForm, ReasonForm
from ttdn.cases.forms_review import AnswerForm, FollowUpCloseForm, SecrecyMarkForm, WaiverForm
from ttdn.cases.identity import identity_visible, participant_rows
from ttdn.cases.models import AccessLog, Case, FollowUp, Participant, ProgrammeItem, Review, ReviewQuestion
from ttdn.cases.panels import ShownPanel, panels_for
from ttdn.cases.permissions import need_to_know_of, referral_sight_of
from ttdn.cases.policy import (
    Ability,
    case_abilities,
    may_cancel_followup,
    may_complete_followup,
    may_file_report,
    may_transition,
)
from ttdn.cases.services.access import (
    access_log_record,
    access_log_restricted_reads,
    case_grant_access,
    case_revoke_access,
)
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.workflow import TRANSITIONS, case_transition, transition_warning
from ttdn.cases.timeline import newest_of_timeline, timeline_for
from ttdn.cases.views import approval, form_errors_to_messages, warnings_to_messages
from ttdn.cases.views.decorators import case_view
from ttdn.cases.views.form_page import CaseFormPage
from ttdn.cases.warnings import warnings_for

# The case page's history shows the newest entries: a long case (200 participants, each added
# with its history row) would otherwise render hundreds of them on every visit.
TIMELINE_ON_CASE_PAGE = 30
# Likewise the first participants of a large delegation.
PARTICIPANTS_ON_CASE_PAGE = 50
# And the first items of a long programme (read whole, in one query, for their count).
PROGRAMME_ON_CASE_PAGE = 30
# The moves after which the registered checks' warnings are said again (creating and saving say
# them too: ttdn/cases/views/edit.py).
WARN_AFTER = frozenset({"submit"})


@dataclass(frozen=True)
class ProgrammeRow:
    """A programme item with the label of its activity."""

    item: ProgrammeItem
    activity: str


def _programme_rows(items: list[ProgrammeItem]) -> list[ProgrammeRow]:
    # each activity's label looked up once: get_activity_display hashes every choice on each call
    labels = {value: str(label) for value, label in ProgrammeItem.Activity.choices}
    return [ProgrammeRow(item, labels.get(item.activity, item.activity)) for item in items]


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
    timeline, timeline_count = newest_of_timeline(user=user, case=case, count=TIMELINE_ON_CASE_PAGE)
    programme = list(case.programme_items.all())
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
            # A kind without foreign guests shows the section only for participants it kept
            # (a trip moved from the inbound kind, say).
            "shows_participants": kind.foreign_participants or bool(participants),
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
            # the first ones; the whole programme has its own page
            "programme": _programme_rows(programme[:PROGRAMME_ON_CASE_PAGE]),
            "programme_count": len(programme),
            "attachments": case.attachments.select_related("uploaded_by").all(),
            # the newest entries; the whole history has its own page
            "timeline": timeline,
            "timeline_count": timeline_count,
            "transitions": [transition for transition, ability in transitions if ability],
            "blocked": [(transition, ability.reason) for transition, ability in transitions if not ability],
            "attachment_form": AttachmentForm() if abilities["upload"] else None,
            "case_warnings": warnings_for(case),
            **_panels(case=case, user=user),
        },
    )


def _panels(*, case: Case, user: User) -> dict[str, list[ShownPanel]]:
    """The core apps' panels: those of sections of their own, and those joining the documents."""
    shown = panels_for(case=case, user=user)
    return {
        "section_panels": [panel for panel in shown if panel.section],
        "core_panels": [panel for panel in shown if not panel.section],
    }


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


@require_GET
@case_view()
def case_programme(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """The whole programme of the case, as the case page shows its first items."""
    access_log_restricted_reads(request=request, user=user, cases=[case])
    rows = _programme_rows(list(case.programme_items.all()))
    return _section_page(request, case, _("Programme"), "programme", rows=rows, name="programme")


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
    if name in WARN_AFTER:
        warnings_to_messages(request, case)
    return redirect("cases:detail", pk=case.pk)


ATTACH_PAGE = CaseFormPage(
    gettext_lazy("Attach a file"),
    gettext_lazy("Attach"),
    anchor="attachments",
    ability="upload",
    multipart=True,
)


@require_http_methods(["GET", "POST"])
@case_view(anchor="attachments")
def attachment_upload(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    ATTACH_PAGE.refuse_unless_able(user=user, case=case)
    form = ATTACH_PAGE.form(request, AttachmentForm)
    if not form.is_valid():
        return ATTACH_PAGE.render(request, case=case, form=form)
    try:
        attachment = attachment_add(
            actor=user,
            case=case,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data["description"],
        )
    except ValidationError as error:  # a file the upload check refused
        form.add_error("file", error)
        return ATTACH_PAGE.render(request, case=case, form=form)
    messages.success(request, _("%(name)s was attached.") % {"name": attachment.original_name})
    return redirect(ATTACH_PAGE.back_url(case))


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


ACCESS_PAGE = CaseFormPage(
    gettext_lazy("Give access"),
    gettext_lazy("Give access"),
    anchor="access",
    ability="manage_access",
    intro=gettext_lazy("Choose one user or one whole agency: they will see this restricted case."),
)


@require_http_methods(["GET", "POST"])
@case_view(anchor="access")
def access_change(request: HttpRequest, user: User, case: Case, action: str) -> HttpResponse:
    """Grant or revoke need-to-know access to a restricted case, for a user or an agency. Granting
    has its own page (a form to fill); revoking is a button on the case page."""
    if action not in ("grant", "revoke") or not case.is_restricted:
        raise Http404
    ACCESS_PAGE.refuse_unless_able(user=user, case=case)
    if action == "revoke" and request.method != "POST":
        return redirect(ACCESS_PAGE.back_url(case))
    form = ACCESS_PAGE.form(request, AccessForm)
    if not form.is_valid():
        if action == "revoke":
            messages.error(request, _("Choose a user or an agency."))
            return redirect(ACCESS_PAGE.back_url(case))
        return ACCESS_PAGE.render(request, case=case, form=form)
    users = [form.cleaned_data["user"]] if form.cleaned_data.get("user") else []
    agencies = [form.cleaned_data["agency"]] if form.cleaned_data.get("agency") else []
    change = case_grant_access if action == "grant" else case_revoke_access
    change(actor=user, case=case, users=users, agencies=agencies)
    messages.success(request, _("The need-to-know list was updated."))
    return redirect(ACCESS_PAGE.back_url(case))

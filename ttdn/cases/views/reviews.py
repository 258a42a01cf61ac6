"""The police's review queue and review page, and the review actions on the case page."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.forms_review import (
    AnswerForm,
    AssignForm,
    FollowUpCloseForm,
    FollowUpForm,
    ReviewDecisionForm,
    ReviewQueueFilter,
    SecrecyMarkForm,
    WaiverForm,
)
from ttdn.cases.identity import identity_visible, participant_rows
from ttdn.cases.models import Case, Review
from ttdn.cases.policy import (
    may_add_followup,
    may_assign_review,
    may_cancel_followup,
    may_complete_followup,
    may_decide_review,
    may_use_review_queue,
)
from ttdn.cases.selectors import reviews_for_police
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.cases.services.followups import followup_close, followup_create
from ttdn.cases.services.reviews import review_answer, review_assign, review_record, review_waive
from ttdn.cases.services.secrecy import secrecy_mark_add
from ttdn.cases.views.decorators import case_view, refuse, request_user, review_url, review_view
from ttdn.cases.views.form_page import CaseFormPage
from ttdn.cases.warnings import warnings_for
from ttdn.paging import page_of, query_without_page

DUE_SOON_DAYS = 3
R = Review.Status


def _filter_queue(reviews: QuerySet[Review], form: ReviewQueueFilter) -> QuerySet[Review]:
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    state = data.get("state") or "pending"
    if state == "pending":
        reviews = reviews.filter(status=R.PENDING)
    elif state == "due_soon":
        reviews = reviews.filter(
            status=R.PENDING,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
    elif state == "overdue":
        reviews = reviews.filter(status=R.PENDING, due_date__lt=today)
    else:
        reviews = reviews.filter(status__in=Review.DECIDED)
    if data.get("kind"):
        reviews = reviews.filter(case__kind=data["kind"])
    if data.get("agency"):
        reviews = reviews.filter(case__lead_agency=data["agency"])
    if data.get("start_from"):
        reviews = reviews.filter(case__start_date__gte=data["start_from"])
    if data.get("start_to"):
        reviews = reviews.filter(case__start_date__lte=data["start_to"])
    return (
        reviews.order_by("due_date", "pk") if state != "decided" else reviews.order_by("-decided_at", "-pk")
    )


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    refuse(may_use_review_queue(user=user))
    form = ReviewQueueFilter(request.GET or None)
    reviews = reviews_for_police(user)
    page = page_of(request, _filter_queue(reviews, form))
    state = (form.cleaned_data.get("state") if form.is_valid() else None) or "pending"
    return render(
        request,
        "reviews/review_queue.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "state": state,
            "states": ReviewQueueFilter.STATES,
        },
    )


@require_http_methods(["GET", "POST"])
@review_view
def review_detail(request: HttpRequest, user: User, review: Review, case: Case) -> HttpResponse:
    may_decide = may_decide_review(user=user, review=review) is None
    decision = ReviewDecisionForm(
        request.POST if request.method == "POST" else None,
        initial=review.checklist,
        kind=case.kind,
    )
    if request.method == "POST" and decision.is_valid():
        try:
            review_record(
                actor=user,
                review=review,
                outcome=decision.cleaned_data["outcome"],
                checklist=decision.checklist(),
                text=decision.cleaned_data["text"],
            )
        except CaseError as error:
            decision.add_error(None, error.message)
        else:
            messages.success(request, _("The outcome was recorded and protocol was notified."))
            return redirect("cases:review_queue")
    participants = list(case.participants.select_related("person"))
    access_log_restricted_reads(request=request, user=user, cases=[case], detail="review page")
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "case": case,
            "participants": participant_rows(
                participants=participants, visible=identity_visible(user=user, case=case)
            ),
            "programme": case.programme_items.all(),
            "case_warnings": warnings_for(case),
            "attachments": case.attachments.all(),
            "secrecy_marks": case.secrecy_marks.all(),
            "questions": review.questions.select_related("asked_by", "answered_by"),
            "decided": [review] if not review.is_open else [],
            "decision_form": decision if may_decide else None,
            "assign_form": AssignForm(review=review)
            if may_assign_review(user=user, review=review) is None
            else None,
        },
        status=400 if decision.errors else 200,
    )


@require_POST
@review_view
def review_assign_view(request: HttpRequest, user: User, review: Review, case: Case) -> HttpResponse:
    form = AssignForm(request.POST, review=review)
    if not form.is_valid():
        messages.error(request, _("Choose an officer."))
        return redirect(review_url(review))
    review_assign(actor=user, review=review, officer=form.cleaned_data["officer"])
    messages.success(
        request, _("The review was assigned to %(name)s.") % {"name": form.cleaned_data["officer"]}
    )
    return redirect(review_url(review))


ANSWER_PAGE = CaseFormPage(
    gettext_lazy("Answer the police's questions"),
    gettext_lazy("Save the answer"),
    anchor="reviews",
    ability="answer_review",
    intro=gettext_lazy("Then submit the case again: it goes back to the police with your answer."),
)
WAIVER_PAGE = CaseFormPage(
    gettext_lazy("Waive the police review"),
    gettext_lazy("Waive the police review"),
    anchor="reviews",
    ability="waive",
)
SECRECY_MARK_PAGE = CaseFormPage(
    gettext_lazy("Record a classified document"),
    gettext_lazy("Record"),
    anchor="secrecy",
    ability="record_secrecy_mark",
    intro=gettext_lazy(
        "Classified documents given to or received from the visitors are recorded here by their "
        "metadata only; they are never uploaded."
    ),
)


@require_http_methods(["GET", "POST"])
@case_view(anchor="reviews")
def review_answer_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    ANSWER_PAGE.refuse_unless_able(user=user, case=case)
    review = case.reviews.filter(status=Review.Status.MORE_INFO).first()
    form = ANSWER_PAGE.form(request, AnswerForm)
    if review is None or not form.is_valid():
        return ANSWER_PAGE.render(request, case=case, form=form)
    review_answer(actor=user, review=review, answer=form.cleaned_data["answer"])
    messages.success(request, _("The answer was saved. Submit the case again to send it to the police."))
    return redirect(ANSWER_PAGE.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor="reviews")
def review_waive_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    WAIVER_PAGE.refuse_unless_able(user=user, case=case)
    form = WAIVER_PAGE.form(request, WaiverForm)
    if not form.is_valid():
        return WAIVER_PAGE.render(request, case=case, form=form)
    review_waive(actor=user, case=case, reason=form.cleaned_data["reason"])
    messages.success(request, _("The police review was waived."))
    return redirect(WAIVER_PAGE.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor="secrecy")
def secrecy_mark_add_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    SECRECY_MARK_PAGE.refuse_unless_able(user=user, case=case)
    form = SECRECY_MARK_PAGE.form(request, SecrecyMarkForm)
    if not form.is_valid():
        return SECRECY_MARK_PAGE.render(request, case=case, form=form)
    secrecy_mark_add(actor=user, case=case, mark=form.instance)
    messages.success(request, _("The secrecy mark was recorded."))
    return redirect(SECRECY_MARK_PAGE.back_url(case))


@require_GET
@case_view()
def programme_print(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """The programme as it is handed out, with the police's conditions on it."""
    access_log_restricted_reads(request=request, user=user, cases=[case], detail="programme print-out")
    last = case.reviews.order_by("-number").first()
    return render(
        request,
        "reviews/programme_print.html",
        {"case": case, "programme": case.programme_items.all(), "review": last},
    )


@require_http_methods(["GET", "POST"])
@case_view(anchor="followups")
def followup_add_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """A follow-up on its own page: its errors beside its fields, what was typed kept. Who may not
    add one is sent back to the case page with the reason."""
    refusal = may_add_followup(user=user, case=case)
    if refusal is not None:
        raise CaseError(refusal)
    form = FollowUpForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            followup_create(actor=user, case=case, **form.cleaned_data)
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The follow-up was added."))
            return redirect(f"{case.get_absolute_url()}#followups")
    return render(request, "cases/followup_form.html", {"case": case, "form": form})


CLOSE_PAGE = CaseFormPage(gettext_lazy("Close the follow-up"), gettext_lazy("Save"), anchor="followups")


@require_POST
@case_view(anchor="followups")
def followup_close_view(request: HttpRequest, user: User, case: Case, followup_pk: int) -> HttpResponse:
    followup = case.follow_ups.filter(pk=followup_pk).first()
    if followup is None:
        raise Http404
    offered = {
        "done": may_complete_followup(user=user, followup=followup) is None,
        "cancel": may_cancel_followup(user=user, followup=followup) is None,
    }
    form = CLOSE_PAGE.form(request, FollowUpCloseForm, **offered)
    if not form.is_valid():
        return CLOSE_PAGE.render(request, case=case, form=form)
    followup_close(actor=user, followup=followup, **form.cleaned_data)
    messages.success(request, _("The follow-up was closed."))
    return redirect(CLOSE_PAGE.back_url(case))

"""The post-visit report page: the form for whoever owes the report, the filed report for all
who may see the case."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.forms_post_visit import BaseCommitmentFormSet, CommitmentFormSet, PostVisitReportForm
from ttdn.cases.models import Case, FollowUp
from ttdn.cases.policy import Ability, may_file_report
from ttdn.cases.services.post_visit import report_file
from ttdn.cases.views.decorators import case_view, refuse


@require_http_methods(["GET", "POST"])
@case_view(anchor="followups")
def report_view(request: HttpRequest, user: User, case: Case, followup_pk: int) -> HttpResponse:
    followup = (
        case.follow_ups.filter(pk=followup_pk, kind=FollowUp.Kind.REPORT)
        .select_related("assignee_agency", "closed_by")
        .first()
    )
    if followup is None:
        raise Http404
    report = getattr(followup, "report", None)
    refusal = may_file_report(user=user, case=case, followup=followup)
    form = PostVisitReportForm(request.POST or None, request.FILES or None)
    commitments = CommitmentFormSet(request.POST or None, prefix="commitments", form_kwargs={"case": case})
    if request.method == "POST":
        refuse(refusal)
        if form.is_valid() and commitments.is_valid():
            try:
                report_file(
                    actor=user,
                    followup=followup,
                    summary=form.cleaned_data["summary"],
                    outcomes=form.cleaned_data["outcomes"],
                    agreements_signed=form.cleaned_data["agreements_signed"],
                    commitments=cast(BaseCommitmentFormSet, commitments).commitments(),
                    uploads=form.cleaned_data["attachments"],
                )
            except CaseError as error:
                form.add_error(None, error.message)
            except ValidationError as error:  # a file refused by the upload check
                form.add_error("attachments", error)
            else:
                messages.success(request, _("The post-visit report was filed; the case is now reported."))
                return redirect(f"{case.get_absolute_url()}#followups")
    return render(
        request,
        "cases/post_visit_report.html",
        {
            "case": case,
            "followup": followup,
            "report": report,
            "file_report": Ability(refusal),
            "form": form,
            "commitments": commitments,
            "later_followups": case.follow_ups.filter(kind=FollowUp.Kind.TASK).select_related(
                "assignee_agency", "assignee_user"
            )
            if report
            else [],
        },
    )

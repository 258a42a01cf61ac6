"""Approving a case: the leader says which document approves it (number, date, signer), on a
small page of the transition's flow, or at once from the dashboard with the defaults."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.forms_approval import ApprovalForm
from ttdn.cases.models import Case
from ttdn.cases.policy import may_transition
from ttdn.cases.services.workflow import TRANSITIONS, case_approve, decision_default

APPROVE = "approve"
# Where a move made from elsewhere than the case page returns (a name, never a URL).
RETURNS = {"dashboard": "home"}


def return_url(request: HttpRequest, case: Case) -> str:
    """The page the move was made from: the dashboard, or the case page."""
    name = RETURNS.get(request.POST.get("return_to", ""))
    return reverse(name) if name else case.get_absolute_url()


def approve(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """Ask for the approving document until it is posted, then approve with it."""
    refusal = may_transition(user=user, case=case, name=APPROVE)
    if refusal is not None:
        raise CaseError(refusal)
    return_to = request.POST.get("return_to", "") if request.POST.get("return_to") in RETURNS else ""
    context = {"case": case, "transition": TRANSITIONS[APPROVE], "return_to": return_to}
    if not ApprovalForm.posted(request.POST):
        default = decision_default(actor=user, case=case)
        initial = {
            "decision_number": default.number,
            "decision_date": default.date,
            "decision_signer": default.signer,
        }
        return render(
            request, "cases/transition_approve.html", {**context, "form": ApprovalForm(initial=initial)}
        )
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        return render(request, "cases/transition_approve.html", {**context, "form": form}, status=400)
    case = case_approve(actor=user, case=case, decision=form.decision())
    messages.success(
        request,
        _("%(reference)s is now %(status)s.")
        % {"reference": case.reference, "status": case.get_status_display().lower()},
    )
    return redirect(return_url(request, case))

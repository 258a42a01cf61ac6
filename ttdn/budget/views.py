"""The budget's pages: compute (or compute again), a line's amount, an added line, a removed line,
the actual spending, and the exports. Every URL fetches the case through its selector (a 404 for
who may not see it); who sees the case but not its finances (police, host agencies) gets a 403."""

from __future__ import annotations

from dataclasses import replace

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.accounts.models import User
from ttdn.budget import exports
from ttdn.budget.errors import BudgetError
from ttdn.budget.forms import (
    ActualFormSet,
    ComputeForm,
    LineAddForm,
    LineEditForm,
    LineRemoveForm,
    actuals_initial,
)
from ttdn.budget.models import BudgetLine, CaseBudget
from ttdn.budget.selectors import budget_of, guests_of, lines_of
from ttdn.budget.services import (
    RECOMPUTE_RULE,
    Actual,
    budget_actuals_record,
    budget_compute,
    budget_line_add,
    budget_line_edit,
    budget_line_remove,
)
from ttdn.cases.models import Case
from ttdn.cases.policy import may_see_finances
from ttdn.cases.services.access import access_log_exports, access_log_restricted_reads
from ttdn.cases.views.decorators import case_view, refuse
from ttdn.cases.views.form_page import CaseFormPage
from ttdn.money import money, vnd

ANCHOR = "budget"
COMPUTE = CaseFormPage(gettext_lazy("Compute the reception budget"), gettext_lazy("Compute from the norms"),
                       anchor=ANCHOR, ability="edit_finances")  # fmt: skip
RECOMPUTE = CaseFormPage(gettext_lazy("Compute the reception budget again"), gettext_lazy("Compute again"),
                         anchor=ANCHOR, ability="edit_finances", intro=RECOMPUTE_RULE)  # fmt: skip
EDIT = CaseFormPage(gettext_lazy("Change a budget line"), gettext_lazy("Save the line"), anchor=ANCHOR,
                    ability="edit_finances")  # fmt: skip
ADD = CaseFormPage(gettext_lazy("Add a budget line"), gettext_lazy("Add the line"), anchor=ANCHOR,
                   ability="edit_finances", intro=gettext_lazy("An item the norms do not have: give the reason."))  # fmt: skip
REMOVE = CaseFormPage(gettext_lazy("Remove a budget line"), gettext_lazy("Remove the line"), anchor=ANCHOR,
                      ability="edit_finances")  # fmt: skip


def _shown(
    page: CaseFormPage, request: HttpRequest, user: User, case: Case, form: forms.BaseForm
) -> HttpResponse:
    """A budget's form page (opened, or back with its errors) shows the budget: a restricted case's
    read goes on its history, as the case page's does."""
    access_log_restricted_reads(request=request, user=user, cases=[case], detail="budget page")
    return page.render(request, case=case, form=form)


def _budget(case: Case) -> CaseBudget:
    budget = budget_of(case)
    if budget is None:
        raise Http404
    return budget


def line_summary(line: BudgetLine) -> str:
    """The line a page is about: its item, its amount, and the norm's when it differs."""
    summary = f"{line.label} · {vnd(line.amount)}"
    if line.computed is not None and line.computed != line.amount:
        summary += " · " + _("by the norm: %(amount)s") % {"amount": vnd(line.computed)}
    return summary


def _line(case: Case, pk: int) -> BudgetLine:
    line = BudgetLine.objects.select_related("budget").filter(pk=pk, budget__case=case).first()
    if line is None:
        raise Http404
    return line


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def budget_compute_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    COMPUTE.refuse_unless_able(user=user, case=case)
    budget = budget_of(case)
    page = RECOMPUTE if budget else COMPUTE
    initial = (
        {"category": budget.category_id, "guests": budget.guests, "days": budget.days}
        if budget
        else {"guests": guests_of(case) or 1, "days": case.days}
    )
    form = page.form(request, ComputeForm, initial=initial)
    if not form.is_valid():
        return _shown(page, request, user, case, form)
    try:
        budget_compute(actor=user, case=case, **form.cleaned_data)
    except BudgetError as error:
        form.add_error(None, error.message)
        return _shown(page, request, user, case, form)
    messages.success(request, _("The reception budget was computed from the norms."))
    return redirect(page.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def line_edit_view(request: HttpRequest, user: User, case: Case, line: int) -> HttpResponse:
    EDIT.refuse_unless_able(user=user, case=case)
    budget_line = _line(case, line)
    page = replace(EDIT, intro=line_summary(budget_line))
    initial = {"amount": money(budget_line.amount), "reason": budget_line.reason}
    form = page.form(request, LineEditForm, initial=initial)
    if not form.is_valid():
        return _shown(page, request, user, case, form)
    try:
        budget_line_edit(actor=user, line=budget_line, **form.cleaned_data)
    except BudgetError as error:
        form.add_error(None, error.message)
        return _shown(page, request, user, case, form)
    messages.success(request, _("The line was saved."))
    return redirect(EDIT.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def line_add_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    ADD.refuse_unless_able(user=user, case=case)
    budget = _budget(case)
    form = ADD.form(request, LineAddForm)
    if not form.is_valid():
        return _shown(ADD, request, user, case, form)
    try:
        budget_line_add(actor=user, budget=budget, **form.cleaned_data)
    except BudgetError as error:
        form.add_error(None, error.message)
        return _shown(ADD, request, user, case, form)
    messages.success(request, _("The line was added."))
    return redirect(ADD.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def line_remove_view(request: HttpRequest, user: User, case: Case, line: int) -> HttpResponse:
    REMOVE.refuse_unless_able(user=user, case=case)
    budget_line = _line(case, line)
    page = replace(REMOVE, intro=line_summary(budget_line))
    form = page.form(request, LineRemoveForm)
    if not form.is_valid():
        return _shown(page, request, user, case, form)
    try:
        budget_line_remove(actor=user, line=budget_line, reason=form.cleaned_data["reason"])
    except BudgetError as error:
        form.add_error(None, error.message)
        return _shown(page, request, user, case, form)
    messages.success(request, _("The line %(label)s was removed.") % {"label": budget_line.label})
    return redirect(REMOVE.back_url(case))


ACTUALS = CaseFormPage(gettext_lazy("Record the actual spending"), gettext_lazy("Save the spending"),
                       anchor=ANCHOR, ability="edit_finances",
                       intro=gettext_lazy("Beside each line of the estimate; leave empty what is not known yet."))  # fmt: skip


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def actuals_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    ACTUALS.refuse_unless_able(user=user, case=case)
    budget = _budget(case)
    lines = lines_of(budget)
    data = request.POST if request.method == "POST" else None
    formset = ActualFormSet(data, initial=actuals_initial(lines), prefix="actual")
    if formset.is_valid():
        actuals = {
            form.cleaned_data["line"]: Actual(
                form.cleaned_data.get("actual"), form.cleaned_data.get("note", "")
            )
            for form in formset
            if form.cleaned_data
        }
        try:
            budget_actuals_record(actor=user, budget=budget, actuals=actuals)
        except BudgetError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The actual spending was saved."))
            return redirect(ACTUALS.back_url(case))
    access_log_restricted_reads(request=request, user=user, cases=[case], detail="budget page")
    by_pk = {line.pk: line for line in lines}
    rows = [(by_pk.get(int(form.initial.get("line") or 0)), form) for form in formset]
    return render(
        request,
        "budget/actuals.html",
        {"case": case, "page": ACTUALS, "back": ACTUALS.back_url(case), "formset": formset, "rows": rows},
        status=400 if formset.is_bound else 200,
    )


@require_GET
@case_view(anchor=ANCHOR)
def export_view(request: HttpRequest, user: User, case: Case, part: str, fmt: str) -> HttpResponse:
    refuse(may_see_finances(user=user, case=case))
    budget = _budget(case)
    lines = lines_of(budget)
    settlement = part == "settlement"
    content, content_type = (
        (exports.xlsx(budget, lines, settlement=settlement), exports.XLSX)
        if fmt == "xlsx"
        else (exports.docx(budget, lines, settlement=settlement), exports.DOCX)
    )
    access_log_exports(request=request, user=user, cases=[case], detail=f"budget {part} {fmt}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-{part}.{fmt}"'
    return response

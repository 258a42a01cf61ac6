"""The case list: its filters, the user's saved filters and columns, and what can be done with the
cases ticked in it (export, print, assign the responsible officer). Every case it shows or acts
on comes through the access policy's selector; an id of a case the user may not see is no case."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from ttdn.accounts.models import SavedCaseFilter, User
from ttdn.cases import kinds
from ttdn.cases.case_list import COLUMNS, columns_of
from ttdn.cases.errors import CaseError
from ttdn.cases.filters import CaseFilter
from ttdn.cases.forms_case_list import BulkForm, ColumnsForm, SavedFilterForm
from ttdn.cases.models import Case
from ttdn.cases.policy import may_create_case
from ttdn.cases.selectors import case_list_for, case_list_rows, cases_visible_to, visible_case_count
from ttdn.cases.services.access import access_log_exports, access_log_restricted_reads
from ttdn.cases.services.case_list import (
    case_list_columns_set,
    cases_assign_officer,
    saved_filter_create,
    saved_filter_delete,
)
from ttdn.cases.views import form_errors_to_messages
from ttdn.cases.views.decorators import refuse, request_user
from ttdn.paging import page_of, query_without_page
from ttdn.reports import exports
from ttdn.reports.case_table import case_rows
from ttdn.reports.periods import Period

PAGE_SIZE = 25


def _list_url(query: str) -> str:
    """The list with ``query`` (a query string the page sent back): only ever the list's own URL."""
    parsed = QueryDict(query.lstrip("?"))
    encoded = parsed.urlencode()
    return reverse("cases:list") + (f"?{encoded}" if encoded else "")


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    columns = columns_of(user.case_list_columns)
    cases = case_list_for(user=user)
    if "responsible_officer" in columns:
        cases = cases.select_related("responsible_officer")
    case_filter = CaseFilter(request.GET or None, queryset=cases, user=user)
    # Unfiltered, the list is every case the user sees: counted from the grants where that is cheaper.
    whole = None if case_filter.narrows() else functools.partial(visible_case_count, user)
    page = page_of(request, case_filter.qs, default=PAGE_SIZE, count=whole)
    query = query_without_page(request)
    # assigning the officer is editing the cases: the edit rule's role part, as the POST asks it
    can_create = may_create_case(user=user) is None
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": case_filter,
            "page": page,
            "query": query,
            "sort": request.GET.get("sort", ""),
            "kinds": kinds.all_kinds(),
            "can_create": can_create,
            "columns": columns,
            "column_count": len(columns) + 3,  # the tick box, the reference and the title
            "saved_filters": list(SavedCaseFilter.objects.filter(user=user)),
            "saved_form": SavedFilterForm(initial={"query": query}),
            "columns_form": ColumnsForm(initial={"columns": columns}),
            "bulk_form": BulkForm(),
            "can_assign": can_create,
        },
    )


@login_required
@require_POST
def saved_filter_save(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = SavedFilterForm(request.POST)
    query = request.POST.get("query", "")
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(_list_url(query))
    try:
        saved = saved_filter_create(user=user, name=form.cleaned_data["name"], query=query)
    except CaseError as error:
        messages.error(request, error.message)
        return redirect(_list_url(query))
    messages.success(request, _("The filter “%(name)s” is saved above the list.") % {"name": saved.name})
    return redirect(_list_url(saved.query))


@login_required
@require_POST
def saved_filter_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    if not saved_filter_delete(user=user, pk=pk):
        raise Http404
    messages.success(request, _("The saved filter is deleted."))
    return redirect(_list_url(request.POST.get("back", "")))


@login_required
@require_POST
def columns_save(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ColumnsForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
    else:
        case_list_columns_set(user=user, columns=form.cleaned_data["columns"])
        messages.success(request, _("The list now shows the columns you chose."))
    return redirect(_list_url(request.POST.get("back", "")))


@login_required
@require_POST
def case_list_bulk(request: HttpRequest) -> HttpResponse:
    """Export, print or assign the cases ticked in the list (of those the user may see)."""
    user = request_user(request)
    back = _list_url(request.POST.get("back", ""))
    if request.POST.get("action") == "assign":
        refuse(may_create_case(user=user))  # protocol staff only; the rest is checked per case
    form = BulkForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)  # the form's own errors among them
        return redirect(back)
    ids, action = form.cleaned_data["cases"], form.cleaned_data["action"]
    if action == "assign":
        officer = form.cleaned_data["officer"]
        try:
            changed = cases_assign_officer(actor=user, case_ids=ids, officer=officer)
        except CaseError as error:
            messages.error(request, error.message)
            return redirect(back)
        messages.success(
            request,
            ngettext(
                "%(officer)s is now responsible for %(count)s more case.",
                "%(officer)s is now responsible for %(count)s more cases.",
                len(changed),
            )
            % {"officer": officer, "count": len(changed)},
        )
        return redirect(back)
    cases = cases_visible_to(user).filter(pk__in=ids)
    if action == "print":
        return _print(request, user, cases)
    return _export(request, user, cases, action)


def _print(request: HttpRequest, user: User, cases: QuerySet[Case]) -> HttpResponse:
    rows = list(
        case_list_rows(cases).select_related("responsible_officer").order_by("start_date", "reference")
    )
    if not rows:
        raise Http404
    access_log_restricted_reads(request=request, user=user, cases=rows, detail="case list print")
    columns = columns_of(user.case_list_columns)
    return render(
        request,
        "cases/case_list_print.html",
        {
            "cases": rows,
            "columns": columns,
            "column_heads": [(name, COLUMNS[name]) for name in columns],
            "now": timezone.now(),
        },
    )


def _export(request: HttpRequest, user: User, cases: QuerySet[Case], fmt: str) -> HttpResponse:
    chosen = list(cases.order_by("start_date", "reference"))
    if not chosen:
        raise Http404
    rows = case_rows(user, cases, readable=True)
    if fmt == "pdf":
        period = Period(start=chosen[0].start_date, end=max(case.end_date for case in chosen))
        content = exports.cases_pdf(rows, period)
    else:
        content = exports.cases_xlsx(rows) if fmt == "xlsx" else exports.cases_csv(rows)
    access_log_exports(request=request, user=user, cases=chosen, detail=f"case list selection ({fmt})")
    response = HttpResponse(content, content_type=exports.FORMATS[fmt])
    name = f"ttdn-ho-so-chon-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

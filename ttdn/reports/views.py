"""The report page and its files. Every figure and row is read through the access policy."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ttdn.accounts.models import User
from ttdn.accounts.roles import roles_of
from ttdn.cases.services.access import access_log_exports
from ttdn.reports import exports
from ttdn.reports.case_table import case_rows
from ttdn.reports.charts import bar_chart
from ttdn.reports.forms import PeriodForm
from ttdn.reports.periods import Period
from ttdn.reports.statistics import counted_cases, report_figures


def _user_and_period(request: HttpRequest) -> tuple[User, PeriodForm, Period | None]:
    user = request.user
    if not isinstance(user, User) or not roles_of(user):
        raise PermissionDenied
    today = timezone.localdate()
    if not request.GET:  # nothing asked: the last quarter, shown in the form
        period = Period.last_quarter(today)
        return user, PeriodForm(initial={"year": period.year, "quarter": period.quarter}), period
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return user, form, None
    return user, form, form.period(today)


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    user, form, period = _user_and_period(request)
    context: dict[str, object] = {"form": form, "period": period}
    if period is not None:
        figures = report_figures(user, period)
        context.update(
            figures=figures,
            summary=exports.summary_rows(figures),
            tables=exports.breakdowns(figures),
            definitions=exports.definitions(),
            month_chart=bar_chart(
                [(e["month"][5:] + "/" + e["month"][:4], e["cases"]) for e in figures["by_month"]]
            ),
            country_chart=bar_chart([(e["country"], e["cases"]) for e in figures["by_country"][:12]]),
            query=request.GET.urlencode(),
        )
    return render(request, "reports/report.html", context)


@login_required
@require_GET
def export(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    if what not in ("figures", "cases") or fmt not in exports.FORMATS:
        raise Http404
    user, _form, period = _user_and_period(request)
    if period is None:
        raise Http404
    if what == "figures":
        figures = report_figures(user, period)
        content = {
            "xlsx": lambda: exports.figures_xlsx(figures, period),
            "csv": lambda: exports.figures_csv(figures, period),
            "pdf": lambda: exports.pdf(
                "reports/report_pdf.html",
                {"figures": figures, "period": period, "summary": exports.summary_rows(figures),
                 "tables": exports.breakdowns(figures), "definitions": exports.definitions()},
            ),
        }[fmt]()  # fmt: skip
        access_log_exports(request=request, user=user, cases=[], detail=f"report {period.label()} ({fmt})")
    else:
        cases = counted_cases(user, period)
        rows = case_rows(user, cases, readable=True)
        content = {
            "xlsx": lambda: exports.cases_xlsx(rows),
            "csv": lambda: exports.cases_csv(rows),
            "pdf": lambda: exports.cases_pdf(rows, period),
        }[fmt]()
        access_log_exports(
            request=request, user=user, cases=list(cases), detail=f"case list {period.label()} ({fmt})"
        )
    name = (
        f"ttdn-{'bao-cao' if what == 'figures' else 'ho-so'}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
    )
    response = HttpResponse(content, content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

"""The report page and its files. Every figure and row is read through the access policy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ttdn.accounts.models import User
from ttdn.accounts.roles import roles_of
from ttdn.cases.services.access import access_log_exports, access_log_restricted_reads
from ttdn.reports import exports
from ttdn.reports.case_table import case_rows
from ttdn.reports.charts import bar_chart
from ttdn.reports.forms import PeriodForm
from ttdn.reports.periods import Period
from ttdn.reports.statistics import counted_cases, report_figures
from ttdn.reports.weekly import Week, weekly_schedule


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


def _user_and_week(request: HttpRequest) -> tuple[User, Week]:
    """The signed-in user with a role, and the week asked (``?week=2030-W23``; this week if none,
    or, said in a message, if what was asked is no week)."""
    user = request.user
    if not isinstance(user, User) or not roles_of(user):
        raise PermissionDenied
    asked = request.GET.get("week", "")
    week = Week.parse(asked) if asked else None
    if week is None:
        if asked:
            messages.error(
                request,
                _("“%(week)s” is not a week (write it as 2030-W23); here is this week.") % {"week": asked},
            )
        week = Week.of(timezone.localdate())
    return user, week


@login_required
@require_GET
def week(request: HttpRequest) -> HttpResponse:
    """The weekly schedule (lịch công tác tuần): the programme of the visits the user may see,
    day by day, morning and afternoon, with the previous and next weeks one link away."""
    user, chosen = _user_and_week(request)
    days, items = weekly_schedule(user=user, week=chosen)
    access_log_restricted_reads(
        request=request, user=user, cases={item.case for item in items}, detail="weekly schedule"
    )
    return render(
        request,
        "reports/week.html",
        {
            "week": chosen,
            "days": days,
            "today": timezone.localdate(),
            "this_week": Week.of(timezone.localdate()),
        },
    )


@login_required
@require_GET
def week_pdf(request: HttpRequest) -> HttpResponse:
    """The weekly schedule to print: one A4 landscape page for a normal week (Decree 30 heading)."""
    user, chosen = _user_and_week(request)
    days, items = weekly_schedule(user=user, week=chosen)
    issued = timezone.localdate()
    context = {
        "week": chosen,
        "days": days,
        "issued": issued,
        # Decree 30: the months January and February take a leading zero, the others none.
        "issued_month": f"{issued.month:02d}" if issued.month < 3 else str(issued.month),
    }
    content = exports.pdf("reports/week_pdf.html", context)
    access_log_exports(
        request=request,
        user=user,
        cases={item.case for item in items},
        detail=f"weekly schedule {chosen.key()} (pdf)",
    )
    response = HttpResponse(content, content_type=exports.FORMATS["pdf"])
    response["Content-Disposition"] = f'inline; filename="ttdn-lich-cong-tac-{chosen.key()}.pdf"'
    return response

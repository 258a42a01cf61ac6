"""The report's table of reception budgets: the period's estimated and actual totals by guest
category (a year's when the period is a year), for protocol staff, leaders and administrators."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.budget.models import BudgetLine, CaseBudget
from ttdn.cases.policy import reads_finances
from ttdn.reports.periods import Period
from ttdn.reports.sections import ReportSection, Row


def budget_rows(user: Any, period: Period) -> list[Row]:
    from ttdn.reports.statistics import counted_cases

    budgets = CaseBudget.objects.filter(case__in=counted_cases(user, period))
    cases = dict(
        budgets.values_list("category__code").annotate(n=Count("pk")).values_list("category__code", "n")
    )
    sums = (
        BudgetLine.objects.filter(budget__in=budgets)
        .values("budget__category__code", "budget__category__name", "budget__category__order")
        .annotate(estimated=Sum("amount"), actual=Sum("actual"))
        .order_by("budget__category__order", "budget__category__code")
    )
    rows: list[Row] = []
    total = [0, 0, 0]
    for entry in sums:
        code = entry["budget__category__code"]
        estimated, actual = entry["estimated"] or 0, entry["actual"] or 0
        rows.append(
            (
                code,
                [entry["budget__category__name"], cases.get(code, 0), estimated, actual, actual - estimated],
            )
        )
        total = [total[0] + cases.get(code, 0), total[1] + estimated, total[2] + actual]
    if rows:
        rows.append(("total", [_("Total"), total[0], total[1], total[2], total[2] - total[1]]))
    return rows


SECTION = ReportSection(
    key="reception_budget",
    title=gettext_lazy("Reception budget by guest category (VND)"),
    header=[
        gettext_lazy("Guest category"),
        gettext_lazy("Cases"),
        gettext_lazy("Estimated"),
        gettext_lazy("Actual"),
        gettext_lazy("Difference"),
    ],
    rows=budget_rows,
    visible_to=reads_finances,
)

"""The report's table of reception budgets: the period's estimated and actual totals by guest
category (a year's when the period is a year), for protocol staff, leaders and administrators."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.budget.models import CaseBudget
from ttdn.cases.policy import reads_finances
from ttdn.reports.periods import Period
from ttdn.reports.sections import ReportSection, Row


def budget_rows(user: Any, period: Period) -> list[Row]:
    from ttdn.reports.statistics import counted_cases

    # One query: each category's budgets counted, their lines summed (a category whose budgets
    # have no line yet has no row).
    sums = (
        CaseBudget.objects.filter(case__in=counted_cases(user, period))
        .values("category__code", "category__name", "category__order")
        .annotate(
            cases=Count("pk", distinct=True),
            lines_count=Count("lines"),
            estimated=Sum("lines__amount"),
            actual=Sum("lines__actual"),
        )
        .filter(lines_count__gt=0)
        .order_by("category__order", "category__code")
    )
    rows: list[Row] = []
    total = [0, 0, 0]
    for entry in sums:
        code, cases = entry["category__code"], entry["cases"]
        estimated, actual = entry["estimated"] or 0, entry["actual"] or 0
        rows.append((code, [entry["category__name"], cases, estimated, actual, actual - estimated]))
        total = [total[0] + cases, total[1] + estimated, total[2] + actual]
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

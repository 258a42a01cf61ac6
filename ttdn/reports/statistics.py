"""The periodic report's figures, through the one access policy: a user's report counts only the
cases they may see. The JSON of ``report_figures`` is the contract of the ``report`` command and the API.

A visit counts in the period in which it starts, once it is approved or later (``Case.COUNTED``):
a draft, a submitted visit or one under review has not been decided, and a cancelled or rejected
one did not happen. The core's own figures are the visits counted and the online meetings, which
are counted apart whatever their kind and direction (nobody travelled). Each kind adds its figures,
from its visits met in person, with its registration (``ttdn.cases.kinds.KindReport``, said as
conditions); the core names no kind. Then the same visits by country (each country a case lists; visitors: the foreign
visitors of that nationality, as their kind counts them), by kind, by lead agency and by month; and
the follow-ups of the counted visits: opened and done in the period, overdue at its end (due
before it, not closed by then).

Everything is added up in SQL, the period and the previous one together: a handful of queries
whatever the number of visits (issue 18).
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.db.models import Case as CaseWhen
from django.db.models import CharField, Count, F, Q, QuerySet, When
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import Agency
from ttdn.cases import kinds
from ttdn.cases.kinds import ReportFigure
from ttdn.cases.models import Case, FollowUp, Participant
from ttdn.cases.selectors import cases_visible_to
from ttdn.reports.periods import Period
from ttdn.reports.sections import sections_for

# The core's figures, counted over every counted visit (a kind's, over its own met in person).
VISITS = ReportFigure(
    key="cases",
    label=gettext_lazy("Cases counted"),
    definition=gettext_lazy(
        "Visits of every kind that start in the period and are approved or later (approved, in "
        "progress, completed, reported or closed), in person or online. Drafts, visits submitted or "
        "under review, and cancelled or rejected ones do not count."
    ),
)
ONLINE = ReportFigure(
    key="online_meetings",
    label=gettext_lazy("Online meetings"),
    definition=gettext_lazy(
        "Counted visits held online, inbound or outbound, of every kind; they are counted apart "
        "and in no other figure above (nobody travelled)."
    ),
    cases=Q(mode=Case.Mode.ONLINE),
)


def headline_figures() -> list[ReportFigure]:
    """The report's headline figures, in their order: the core's and each kind's."""
    return [VISITS, *(figure for kind in kinds.all_kinds() for figure in kind.report.figures), ONLINE]


def counted_cases(user: AbstractBaseUser | AnonymousUser, period: Period) -> QuerySet[Case]:
    """The visits of ``period`` that count, as ``user`` may see them."""
    return cases_visible_to(user).filter(
        start_date__range=(period.start, period.end), status__in=Case.COUNTED
    )


def _on_case(condition: Q) -> Q:
    """A condition on a case said of a participant's case (``direction`` → ``case__direction``)."""
    children: list[Any] = list(condition.children)
    moved = Q(*(_on_case(c) if isinstance(c, Q) else (f"case__{c[0]}", c[1]) for c in children))
    moved.connector, moved.negated = condition.connector, condition.negated
    return moved


def sort_of(prefix: str = "") -> Any:
    """Each case's sort as an expression (from ``prefix``, the path to the case): its kind's sort
    column on the kind's own record, or the kind itself."""
    whens = [
        When(**{f"{prefix}kind": kind.code}, then=F(f"{prefix}{accessor}__{kind.report.sort_column}"))
        for kind, accessor in _sorted_kinds()
    ]
    kind = F(f"{prefix}kind")
    return Coalesce(CaseWhen(*whens, default=kind), kind) if whens else kind


def _sorted_kinds() -> list[tuple[kinds.CaseKind, str]]:
    found = []
    for kind in kinds.all_kinds():
        if kind.report.sort_column and kind.extension_model:
            model = apps.get_model(kind.extension_model)
            found.append((kind, model._meta.get_field("case").remote_field.get_accessor_name()))
    return found


def sort_labels() -> dict[str, str]:
    """The label of each sort: the kinds' and those of their sort columns' choices."""
    labels = {kind.code: str(kind.label) for kind in kinds.all_kinds()}
    for kind, _ in _sorted_kinds():
        field = apps.get_model(kind.extension_model)._meta.get_field(kind.report.sort_column)
        labels.update({str(code): str(label) for code, label in field.flatchoices})
    return labels


def case_sorts(cases: QuerySet[Case]) -> dict[int, tuple[str, str]]:
    """Per case, its sort (code, label) as its kind tells it; a kind that tells none is its own sort."""
    labels = sort_labels()
    return {
        pk: (sort, labels.get(sort, sort))
        for pk, sort in cases.order_by().annotate(sort=sort_of()).values_list("pk", "sort")
    }


def _in_person(kind: kinds.CaseKind) -> Q:
    return Q(kind=kind.code, mode=Case.Mode.IN_PERSON)


def _within(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__range": (period.start, period.end)})


def _headlines(cases: QuerySet[Case], periods: Sequence[Period]) -> list[dict[str, int]]:
    """The headline figures of each period: one query on the cases, one on their participants."""
    on_cases: dict[str, Any] = {}
    on_people: dict[str, Any] = {}
    for index, period in enumerate(periods):
        on_cases[f"p{index}_{VISITS.key}"] = Count("pk", distinct=True, filter=_within(period))
        on_cases[f"p{index}_{ONLINE.key}"] = Count("pk", distinct=True, filter=_within(period) & ONLINE.cases)
        for kind in kinds.all_kinds():
            for figure in kind.report.figures:
                condition = _within(period) & _in_person(kind) & figure.cases
                if figure.people is None:
                    on_cases[f"p{index}_{figure.key}"] = Count(
                        figure.related or "pk", distinct=True, filter=condition
                    )
                else:
                    on_people[f"p{index}_{figure.key}"] = Count(
                        "person", distinct=True, filter=_on_case(condition) & figure.people
                    )
    totals = cases.order_by().aggregate(**on_cases)
    if on_people:
        totals |= Participant.objects.filter(case__in=cases).order_by().aggregate(**on_people)
    return [
        {figure.key: totals[f"p{index}_{figure.key}"] or 0 for figure in headline_figures()}
        for index in range(len(periods))
    ]


def _visitors() -> Q | None:
    """Who counts as a foreign visitor: each kind's visitors of its visits met in person."""
    parts = [
        _on_case(_in_person(kind)) & kind.report.visitors
        for kind in kinds.all_kinds()
        if kind.report.visitors is not None
    ]
    return functools.reduce(operator.or_, parts) if parts else None


def _visitors_by(cases: QuerySet[Case]) -> dict[str, dict[Any, int]]:
    """The distinct foreign visitors by month, by sort and by country (of their nationality, among
    the visits that list that country): three grouped counts in one statement, over the visitors
    read once (a materialised common table expression: at 100,000 cases, 0.3 s instead of three
    joins of the participants at 0.2 s each)."""
    condition = _visitors()
    found: dict[str, dict[Any, int]] = {"month": {}, "sort": {}, "country": {}}
    if condition is None:
        return found
    visitors = (
        Participant.objects.filter(case__in=cases)
        .filter(condition)
        .order_by()
        .values(
            "person_id",
            month=TruncMonth("case__start_date"),
            sort=sort_of("case__"),
            country=CaseWhen(
                When(case__countries__contains=F("person__nationality"), then=F("person__nationality")),
                default=None,
                output_field=CharField(),
            ),
        )
    )
    sql, params = visitors.query.sql_with_params()
    # Each key in a column of its own, so that every branch has the same columns and types. The
    # inner SQL is the ORM's, its values passed apart as parameters.
    grouped = (
        f"WITH visitors AS MATERIALIZED ({sql}) "  # nosec B608  # noqa: S608 - the ORM's SQL, values as parameters
        "SELECT month, NULL, NULL, COUNT(DISTINCT person_id) FROM visitors GROUP BY month "
        "UNION ALL SELECT NULL, sort, NULL, COUNT(DISTINCT person_id) FROM visitors GROUP BY sort "
        "UNION ALL SELECT NULL, NULL, country, COUNT(DISTINCT person_id) FROM visitors "
        "WHERE country IS NOT NULL GROUP BY country"
    )
    with connection.cursor() as cursor:
        cursor.execute(grouped, params)
        for month, sort, country, count in cursor.fetchall():
            if month is not None:  # SQLite gives the date as text
                found["month"][datetime.date.fromisoformat(str(month)[:10])] = count
            elif sort is not None:
                found["sort"][sort] = count
            elif country is not None:
                found["country"][country] = count
    return found


def _breakdowns(cases: QuerySet[Case], period: Period) -> dict[str, Any]:
    rows: list[Any] = list(
        cases.order_by()
        .annotate(sort=sort_of())
        .values_list("countries", "sort", "start_date", "lead_agency_id", named=True)
    )
    visitors = _visitors_by(cases)
    by_country: dict[str, dict[str, Any]] = {}
    by_kind: dict[str, dict[str, Any]] = {}
    by_agency: dict[int, int] = {}
    by_month: dict[str, dict[str, Any]] = {
        m: {"month": m, "cases": 0, "visitors": 0} for m in period.months()
    }
    labels = sort_labels()
    for row in rows:
        for country in str(row.countries or "").split(","):
            if country:
                entry = by_country.setdefault(
                    country, {"country": country, "cases": 0, "visitors": visitors["country"].get(country, 0)}
                )
                entry["cases"] += 1
        sort = by_kind.setdefault(row.sort, {"kind": row.sort, "label": labels.get(row.sort, row.sort)})
        sort["cases"] = sort.get("cases", 0) + 1
        sort["visitors"] = visitors["sort"].get(row.sort, 0)
        by_agency[row.lead_agency_id] = by_agency.get(row.lead_agency_id, 0) + 1
        by_month[f"{row.start_date:%Y-%m}"]["cases"] += 1
    for month, count in visitors["month"].items():
        if f"{month:%Y-%m}" in by_month:
            by_month[f"{month:%Y-%m}"]["visitors"] = count
    agencies = Agency.objects.in_bulk(list(by_agency))
    agency_rows = [
        {"agency": agencies[pk].code, "name": str(agencies[pk]), "cases": count}
        for pk, count in by_agency.items()
    ]
    return {
        "by_country": sorted(by_country.values(), key=lambda e: (-e["cases"], e["country"])),
        "by_kind": sorted(by_kind.values(), key=lambda e: (-e["cases"], e["kind"])),
        "by_lead_agency": sorted(agency_rows, key=lambda e: (-e["cases"], e["agency"])),
        "by_month": list(by_month.values()),
    }


def _follow_ups(user: AbstractBaseUser | AnonymousUser, periods: Sequence[Period]) -> list[dict[str, int]]:
    """Follow-ups of the visits that count; "overdue" as things stood at the end of the period (or
    today, for a period not over): due before then, created by then, and not closed by then. One
    query for all the periods; moments compared with the local midnights that bound the days (not
    each row's time turned into a local date: six conversions a row at 100,000 follow-ups)."""
    counts: dict[str, Any] = {}
    for index, period in enumerate(periods):
        as_of = min(period.end, timezone.localdate())
        begins, ends, after_as_of = _midnight(period.start), _midnight(period.end, 1), _midnight(as_of, 1)
        counts[f"p{index}_opened"] = Count("pk", filter=Q(created_at__gte=begins, created_at__lt=ends))
        counts[f"p{index}_done"] = Count(
            "pk", filter=Q(status=FollowUp.Status.DONE, closed_at__gte=begins, closed_at__lt=ends)
        )
        counts[f"p{index}_overdue"] = Count(
            "pk",
            filter=Q(due_date__lt=as_of, created_at__lt=after_as_of)
            & (Q(status=FollowUp.Status.OPEN) | Q(closed_at__gte=after_as_of)),
        )
    # Only those that can count in a period: still open, or opened or closed since it began.
    earliest = _midnight(min(period.start for period in periods))
    since = Q(status=FollowUp.Status.OPEN) | Q(created_at__gte=earliest) | Q(closed_at__gte=earliest)
    followups = FollowUp.objects.filter(
        since, case__in=cases_visible_to(user).filter(status__in=Case.COUNTED)
    )
    totals = followups.order_by().aggregate(**counts)
    return [
        {name: totals[f"p{index}_{name}"] for name in ("opened", "done", "overdue")}
        for index in range(len(periods))
    ]


def _midnight(day: datetime.date, days_after: int = 0) -> datetime.datetime:
    """The local midnight that begins ``day`` (or the day ``days_after`` it)."""
    moment = datetime.datetime.combine(day + datetime.timedelta(days=days_after), datetime.time())
    return timezone.make_aware(moment)


def report_figures(user: AbstractBaseUser | AnonymousUser, period: Period) -> dict[str, Any]:
    """The report of ``period`` as ``user`` may see it, with the previous period's totals."""
    before = period.previous()
    both = cases_visible_to(user).filter(
        start_date__range=(min(period.start, before.start), max(period.end, before.end)),
        status__in=Case.COUNTED,
    )
    now, then = _headlines(both, [period, before])
    followups_now, followups_then = _follow_ups(user, [period, before])
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        **now,
        **_breakdowns(counted_cases(user, period), period),
        "follow_ups": followups_now,
        # The tables the apps beside the cases add (ttdn.reports.sections), those the user may read.
        "sections": {
            section.key: [[key, cells] for key, cells in section.rows(user, period)]
            for section in sections_for(user)
        },
        "previous": {
            "period": {"start": before.start.isoformat(), "end": before.end.isoformat()},
            **then,
            "follow_ups": followups_then,
        },
    }


def summary_line(figures: dict[str, Any]) -> str:
    """The headline figures in one line, e.g. for the quarterly summary."""
    return "; ".join(f"{figure.label}: {figures[figure.key]}" for figure in headline_figures())

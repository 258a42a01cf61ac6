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
from django.db.models import BooleanField, CharField, Count, ExpressionWrapper, F, Q, QuerySet, Value, When
from django.db.models import Case as CaseWhen
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import Agency
from ttdn.cases import kinds
from ttdn.cases.kinds import ReportFigure
from ttdn.cases.models import Case, FollowUp, Participant
from ttdn.cases.selectors import cases_visible_to, visibility_condition
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


def _headlines(
    cases: QuerySet[Case], periods: Sequence[Period], people: dict[str, int]
) -> list[dict[str, int]]:
    """The headline figures of each period: one query on the cases; the figures of people come
    counted with the visitors (``people``, from ``_grouped_counts``)."""
    on_cases: dict[str, Any] = {}
    for index, period in enumerate(periods):
        on_cases[f"p{index}_{VISITS.key}"] = Count("pk", distinct=True, filter=_within(period))
        on_cases[f"p{index}_{ONLINE.key}"] = Count("pk", distinct=True, filter=_within(period) & ONLINE.cases)
        for kind in kinds.all_kinds():
            for figure in kind.report.figures:
                if figure.people is None:
                    condition = _within(period) & _in_person(kind) & figure.cases
                    on_cases[f"p{index}_{figure.key}"] = Count(
                        figure.related or "pk", distinct=True, filter=condition
                    )
    totals = cases.order_by().aggregate(**on_cases) | people
    return [
        {figure.key: totals.get(f"p{index}_{figure.key}") or 0 for figure in headline_figures()}
        for index in range(len(periods))
    ]


def _people_figures(periods: Sequence[Period]) -> dict[str, Q]:
    """The headline figures that count people, by ``p<period>_<key>``: the condition on a
    participant of each."""
    found = {}
    for index, period in enumerate(periods):
        for kind in kinds.all_kinds():
            for figure in kind.report.figures:
                if figure.people is not None:
                    condition = _within(period) & _in_person(kind) & figure.cases
                    found[f"p{index}_{figure.key}"] = _on_case(condition) & figure.people
    return found


def _visitors() -> Q | None:
    """Who counts as a foreign visitor: each kind's visitors of its visits met in person."""
    parts = [
        _on_case(_in_person(kind)) & kind.report.visitors
        for kind in kinds.all_kinds()
        if kind.report.visitors is not None
    ]
    return functools.reduce(operator.or_, parts) if parts else None


# The grouped counts of ``_grouped_counts``: over the counted visits of the period (``cases``),
# then over their foreign visitors (the ``people`` of the period who are visitors, each person once
# per group). Every key is text, so that every branch of the union has the same columns and types.
_GROUPINGS = (
    ("cases", "country", "countries", ""),
    ("cases", "sort", "sort", ""),
    ("cases", "month", "month", ""),
    ("cases", "agency", "lead_agency_id", ""),
    ("people", "month", "month", "AND this_period AND visitor"),
    ("people", "sort", "sort", "AND this_period AND visitor"),
    ("people", "country", "country", "AND this_period AND visitor"),
)


def _grouped_counts(
    cases: QuerySet[Case], both: Q, periods: Sequence[Period]
) -> dict[tuple[str, str], dict[str, int]]:
    """In one statement: the counted visits of the first period (``cases``) by the countries they
    list, by sort, by month and by lead agency; their distinct foreign visitors by month, by sort
    and by country (of their nationality, among the visits that list that country); and the
    headline figures of people of every period (under ``("headline", "")``, by ``p<period>_<key>``:
    distinct people). The participants of the visits of all periods (``both``) are read once, a flag per
    figure beside each (materialised common table expressions)."""
    visits = (
        cases.order_by()
        .annotate(sort=sort_of(), month=TruncMonth("start_date"))
        .values("countries", "sort", "month", "lead_agency_id")
    )
    figures = _people_figures(periods)
    flag = {f"f{index}": condition for index, condition in enumerate(figures.values())}
    visitor = _visitors()
    # The month and the country are grouped by for the first period only: not computed for the
    # others' rows (half of them; the LIKE of the country is the dearest column).
    this_period = _on_case(_within(periods[0]))
    people = (
        Participant.objects.filter(_on_case(both))
        .order_by()
        .values(
            "person_id",
            this_period=_as_flag(this_period),
            visitor=_as_flag(visitor) if visitor is not None else Value(False),
            month=CaseWhen(When(this_period, then=TruncMonth("case__start_date")), default=None),
            sort=sort_of("case__"),
            country=CaseWhen(
                When(
                    this_period & Q(case__countries__contains=F("nationality")),
                    then=F("nationality"),
                ),
                default=None,
                output_field=CharField(),
            ),
            **{name: _as_flag(condition) for name, condition in flag.items()},
        )
    )
    visits_sql, visits_params = visits.query.sql_with_params()
    people_sql, people_params = people.query.sql_with_params()
    counted = {"cases": "COUNT(*)", "people": "COUNT(DISTINCT person_id)"}
    # The statement's text is this module's (names from the tuples above, figure columns numbered);
    # the inner SQL is the ORM's, its values passed apart as parameters.
    branches = [
        f"SELECT '{source}', '{group}', CAST({column} AS TEXT), {counted[source]} "  # nosec B608  # noqa: S608
        f"FROM {source} WHERE {column} IS NOT NULL {more} GROUP BY {column}"
        for source, group, column, more in _GROUPINGS
    ]
    # The headline's figures in one pass over the people, each figure's distinct people counted
    # among its own rows (FILTER): a pass per figure over every row cost 30 ms each at 100,000 cases.
    tables = [f"cases AS MATERIALIZED ({visits_sql})", f"people AS MATERIALIZED ({people_sql})"]
    if flag:
        distinct = ", ".join(f"COUNT(DISTINCT person_id) FILTER (WHERE {name}) AS {name}" for name in flag)
        tables.append(f"headline AS MATERIALIZED (SELECT {distinct} FROM people)")  # nosec B608  # noqa: S608
        branches += [f"SELECT 'headline', '', '{name[1:]}', {name} FROM headline" for name in flag]  # nosec B608  # noqa: S608
    statement = f"WITH {', '.join(tables)} " + " UNION ALL ".join(branches)
    found: dict[tuple[str, str], dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(statement, (*visits_params, *people_params))
        for source, group, key, count in cursor.fetchall():
            found.setdefault((source, group), {})[key] = count
    names = list(figures)
    found[("headline", "")] = {
        names[int(index)]: count for index, count in found.get(("headline", ""), {}).items()
    }
    return found


def _as_flag(condition: Q) -> ExpressionWrapper:
    """A condition as a column of true or false (NULL, where SQL cannot tell, counts as false)."""
    return ExpressionWrapper(condition, output_field=BooleanField())


def _month_key(value: str) -> str:
    """``2026-03`` of a month as the database gives it as text (PostgreSQL: ``2026-03-01``, or with
    a time; SQLite: ``2026-03-01 00:00:00``)."""
    return value[:7]


def _breakdowns(counts: dict[tuple[str, str], dict[str, int]], period: Period) -> dict[str, Any]:
    """The counted visits and their visitors by country, kind, lead agency and month: added up in
    SQL (``_grouped_counts``), whatever the number of visits."""
    visitors_by_country = counts.get(("people", "country"), {})
    visitors_by_sort = counts.get(("people", "sort"), {})
    by_country: dict[str, dict[str, Any]] = {}
    for countries, count in counts.get(("cases", "country"), {}).items():
        for country in countries.split(","):
            if country:
                entry = by_country.setdefault(
                    country, {"country": country, "cases": 0, "visitors": visitors_by_country.get(country, 0)}
                )
                entry["cases"] += count
    labels = sort_labels()
    by_kind = [
        {
            "kind": sort,
            "label": labels.get(sort, sort),
            "cases": count,
            "visitors": visitors_by_sort.get(sort, 0),
        }
        for sort, count in counts.get(("cases", "sort"), {}).items()
    ]
    by_month: dict[str, dict[str, Any]] = {
        m: {"month": m, "cases": 0, "visitors": 0} for m in period.months()
    }
    for source, column in (("cases", "cases"), ("people", "visitors")):
        for month, count in counts.get((source, "month"), {}).items():
            if _month_key(month) in by_month:
                by_month[_month_key(month)][column] += count
    by_agency = {int(pk): count for pk, count in counts.get(("cases", "agency"), {}).items()}
    agencies = Agency.objects.in_bulk(list(by_agency))
    agency_rows = [
        {"agency": agencies[pk].code, "name": str(agencies[pk]), "cases": count}
        for pk, count in by_agency.items()
    ]
    return {
        "by_country": sorted(by_country.values(), key=lambda e: (-e["cases"], e["country"])),
        "by_kind": sorted(by_kind, key=lambda e: (-e["cases"], e["kind"])),
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
    visible = visibility_condition(user)
    # The visits of both periods that count, as a condition: the participants' read joins their
    # visit once with it (a subquery of the visits would read them twice, at 100,000 cases).
    counted = Q(
        start_date__range=(min(period.start, before.start), max(period.end, before.end)),
        status__in=Case.COUNTED,
    ) & (visible if visible is not None else Q(pk__in=[]))
    both = Case.objects.filter(counted)
    counts = _grouped_counts(counted_cases(user, period), counted, [period, before])
    now, then = _headlines(both, [period, before], counts[("headline", "")])
    followups_now, followups_then = _follow_ups(user, [period, before])
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        **now,
        **_breakdowns(counts, period),
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

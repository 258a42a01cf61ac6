"""The periodic report's figures, through the one access policy: a user's report counts only the
cases they may see. The JSON of ``report_figures`` is the contract of the ``report`` command and the API.

A visit counts in the period in which it starts, once it is approved or later (``Case.COUNTED``):
a draft, a submitted visit or one under review has not been decided, and a cancelled or rejected
one did not happen. The core's own figures are the visits counted and the online meetings, which
are counted apart whatever their kind and direction (nobody travelled). Each kind adds its figures,
from its visits met in person, with its registration (``ttdn.cases.kinds.KindReport``); the core
names no kind. Then the same visits by country (each country a case lists; visitors: the foreign
visitors of that nationality, as their kind counts them), by kind, by lead agency and by month; and
the follow-ups of the counted visits: opened and done in the period, overdue at its end (due
before it, not closed by then).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import Agency
from ttdn.cases import kinds
from ttdn.cases.kinds import ReportFigure
from ttdn.cases.models import Case, FollowUp, Participant
from ttdn.cases.selectors import cases_visible_to
from ttdn.reports.periods import Period

# The core's figures; their ``count`` is given every counted visit (a kind's, only its own met in person).
VISITS = ReportFigure(
    key="cases",
    label=gettext_lazy("Cases counted"),
    definition=gettext_lazy(
        "Visits of every kind that start in the period and are approved or later (approved, in "
        "progress, completed, reported or closed), in person or online. Drafts, visits submitted or "
        "under review, and cancelled or rejected ones do not count."
    ),
    count=lambda cases: cases.count(),
)
ONLINE = ReportFigure(
    key="online_meetings",
    label=gettext_lazy("Online meetings"),
    definition=gettext_lazy(
        "Counted visits held online, inbound or outbound, of every kind; they are counted apart "
        "and in no other figure above (nobody travelled)."
    ),
    count=lambda cases: cases.filter(mode=Case.Mode.ONLINE).count(),
)


def headline_figures() -> list[ReportFigure]:
    """The report's headline figures, in their order: the core's and each kind's."""
    return [VISITS, *(figure for kind in kinds.all_kinds() for figure in kind.report.figures), ONLINE]


def counted_cases(user: AbstractBaseUser | AnonymousUser, period: Period) -> QuerySet[Case]:
    """The visits of ``period`` that count, as ``user`` may see them."""
    return cases_visible_to(user).filter(
        start_date__range=(period.start, period.end), status__in=Case.COUNTED
    )


def case_sorts(cases: QuerySet[Case]) -> dict[int, tuple[str, str]]:
    """Per case, its sort (code, label) as its kind tells it; a kind that tells none is its own sort."""
    sorts: dict[int, tuple[str, str]] = {}
    for kind in kinds.all_kinds():
        if kind.report.sorts is not None:
            sorts.update(kind.report.sorts(cases.filter(kind=kind.code)))
    return sorts


def _with_visitors(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**{k: v for k, v in e.items() if k != "people"}, "visitors": len(e["people"])} for e in entries]


def _breakdowns(
    cases: QuerySet[Case], rows: Sequence[Mapping[str, Any]], visitors_of: dict[int, set[int]], period: Period
) -> dict[str, Any]:
    nationality = dict(
        # Without the participants' ordering, which DISTINCT would otherwise carry (and sort).
        Participant.objects.filter(case__in=cases)
        .order_by()
        .values_list("person_id", "person__nationality")
        .distinct()
    )
    by_country: dict[str, dict[str, Any]] = {}
    for row in rows:
        for country in str(row["countries"] or "").split(","):
            if not country:
                continue
            entry = by_country.setdefault(country, {"country": country, "cases": 0, "people": set()})
            entry["cases"] += 1
            entry["people"] |= {p for p in visitors_of.get(row["pk"], set()) if nationality.get(p) == country}

    sorts = case_sorts(cases)
    labels = {kind.code: str(kind.label) for kind in kinds.all_kinds()}
    by_kind: dict[str, dict[str, Any]] = {}
    for row in rows:
        code, label = sorts.get(row["pk"], (row["kind"], labels.get(row["kind"], row["kind"])))
        entry = by_kind.setdefault(code, {"kind": code, "label": label, "cases": 0, "people": set()})
        entry["cases"] += 1
        entry["people"] |= visitors_of.get(row["pk"], set())

    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={r["lead_agency_id"] for r in rows})}
    by_agency: dict[int, dict[str, Any]] = {}
    for row in rows:
        agency = agencies[row["lead_agency_id"]]
        entry = by_agency.setdefault(agency.pk, {"agency": agency.code, "name": str(agency), "cases": 0})
        entry["cases"] += 1

    by_month: dict[str, dict[str, Any]] = {
        m: {"month": m, "cases": 0, "people": set()} for m in period.months()
    }
    for row in rows:
        month = by_month[f"{row['start_date']:%Y-%m}"]
        month["cases"] += 1
        month["people"] |= visitors_of.get(row["pk"], set())
    return {
        "by_country": _with_visitors(sorted(by_country.values(), key=lambda e: (-e["cases"], e["country"]))),
        "by_kind": _with_visitors(sorted(by_kind.values(), key=lambda e: (-e["cases"], e["kind"]))),
        "by_lead_agency": sorted(by_agency.values(), key=lambda e: (-e["cases"], e["agency"])),
        "by_month": _with_visitors(list(by_month.values())),
    }


def _follow_ups(user: AbstractBaseUser | AnonymousUser, period: Period) -> dict[str, int]:
    """Follow-ups of the visits that count; "overdue" as things stood at the end of the period (or
    today, for a period not over): due before then, created by then, and not closed by then."""
    as_of = min(period.end, timezone.localdate())
    followups = FollowUp.objects.filter(case__in=cases_visible_to(user).filter(status__in=Case.COUNTED))
    overdue = followups.filter(due_date__lt=as_of, created_at__date__lte=as_of).filter(
        Q(status=FollowUp.Status.OPEN) | Q(closed_at__date__gt=as_of)
    )
    return {
        "opened": followups.filter(created_at__date__range=(period.start, period.end)).count(),
        "done": followups.filter(
            status=FollowUp.Status.DONE, closed_at__date__range=(period.start, period.end)
        ).count(),
        "overdue": overdue.count(),
    }


def _figures_of(user: AbstractBaseUser | AnonymousUser, period: Period) -> dict[str, Any]:
    cases = counted_cases(user, period)
    rows = list(cases.values("pk", "kind", "countries", "start_date", "lead_agency_id"))
    met = cases.filter(mode=Case.Mode.IN_PERSON)
    headline: dict[str, int] = {VISITS.key: len(rows), ONLINE.key: ONLINE.count(cases)}
    visitors_of: dict[int, set[int]] = {}
    for kind in kinds.all_kinds():
        own = met.filter(kind=kind.code)
        for figure in kind.report.figures:
            headline[figure.key] = figure.count(own)
        if kind.report.visitors is not None:
            visitors_of.update(kind.report.visitors(own))
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        **{figure.key: headline[figure.key] for figure in headline_figures()},
        **_breakdowns(cases, rows, visitors_of, period),
        "follow_ups": _follow_ups(user, period),
    }


def report_figures(user: AbstractBaseUser | AnonymousUser, period: Period) -> dict[str, Any]:
    """The report of ``period`` as ``user`` may see it, with the previous period's totals."""
    figures = _figures_of(user, period)
    before = _figures_of(user, period.previous())
    figures["previous"] = {
        "period": before["period"],
        **{figure.key: before[figure.key] for figure in headline_figures()},
        "follow_ups": before["follow_ups"],
    }
    return figures


def summary_line(figures: dict[str, Any]) -> str:
    """The headline figures in one line, e.g. for the quarterly summary."""
    return "; ".join(f"{figure.label}: {figures[figure.key]}" for figure in headline_figures())

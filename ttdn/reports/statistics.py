"""The periodic report's figures, through the one access policy: a user's report counts only the
cases they may see. A case counts in the period in which it starts; cancelled and rejected cases
do not count. The JSON of ``report_figures`` is the contract of the ``report`` command and the API.

- inbound delegations: inbound delegations met in person; their foreign visitors are the distinct
  people of another nationality than Vietnamese among their participants;
- online meetings: inbound delegations met online, counted apart;
- outbound delegations, and the distinct people (officials) in them;
- press visits, their reporters (distinct participants other than interpreters) and the
  coverage recorded for them;
- by country (each country a case lists; visitors: the foreign visitors and reporters of that
  nationality), by kind, by lead agency, by month;
- follow-ups of the counted cases' kind (not of cancelled or rejected ones): opened and done in the
  period, and overdue at its end (due before it, not closed by then).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from ttdn.accounts.models import Agency
from ttdn.cases.models import Case, FollowUp, Participant
from ttdn.cases.selectors import cases_visible_to
from ttdn.reports.periods import Period

S = Case.Status
NOT_COUNTED = (S.CANCELLED, S.REJECTED)
HOME_COUNTRY = "VN"

# Registered by the kinds: what sort of case each is (e.g. the kind of delegation), and any
# figure of their own (e.g. the coverage of press visits).
SubkindFinder = Callable[[QuerySet[Case]], dict[int, tuple[str, str]]]
Figure = Callable[[QuerySet[Case]], int]
_subkinds: list[SubkindFinder] = []
_figures: dict[str, Figure] = {}


def register_subkinds(finder: SubkindFinder) -> None:
    if finder not in _subkinds:
        _subkinds.append(finder)


def register_figure(name: str, figure: Figure) -> None:
    _figures[name] = figure


def counted_cases(user: AbstractBaseUser | AnonymousUser, period: Period) -> QuerySet[Case]:
    return (
        cases_visible_to(user)
        .filter(start_date__range=(period.start, period.end))
        .exclude(status__in=NOT_COUNTED)
    )


def _people(
    cases: QuerySet[Case] | list[int], *, foreign_only: bool, without_interpreters: bool = False
) -> dict[int, set[int]]:
    """Per case, the distinct people in it."""
    rows = Participant.objects.filter(case__in=cases)
    if foreign_only:
        rows = rows.exclude(person__nationality=HOME_COUNTRY)
    if without_interpreters:
        rows = rows.exclude(role=Participant.Role.INTERPRETER)
    people: dict[int, set[int]] = defaultdict(set)
    for case_id, person_id in rows.values_list("case_id", "person_id"):
        people[case_id].add(person_id)
    return people


def _distinct(people: dict[int, set[int]], case_ids: object = None) -> set[int]:
    chosen = people if case_ids is None else {pk: people.get(pk, set()) for pk in case_ids}  # type: ignore[attr-defined]
    return set().union(*chosen.values()) if chosen else set()


def _figures_of(user: AbstractBaseUser | AnonymousUser, period: Period) -> dict[str, Any]:
    cases = counted_cases(user, period)
    rows = list(cases.values("pk", "kind", "direction", "mode", "countries", "start_date", "lead_agency_id"))
    inbound_met = [
        r["pk"]
        for r in rows
        if r["kind"] == "delegation" and r["direction"] == "inbound" and r["mode"] == "in_person"
    ]
    online = [
        r["pk"]
        for r in rows
        if r["kind"] == "delegation" and r["direction"] == "inbound" and r["mode"] == "online"
    ]
    outbound = [r["pk"] for r in rows if r["kind"] == "delegation" and r["direction"] == "outbound"]
    press = [r["pk"] for r in rows if r["kind"] == "press"]

    foreign = _people(cases, foreign_only=True)
    everyone = _people(cases, foreign_only=False)
    crews = _people(Case.objects.filter(pk__in=press), foreign_only=False, without_interpreters=True)
    visitors_of = {pk: foreign.get(pk, set()) for pk in inbound_met}
    visitors_of.update({pk: crews.get(pk, set()) & foreign.get(pk, set()) for pk in press})

    nationality = dict(
        Participant.objects.filter(case__in=cases).values_list("person_id", "person__nationality").distinct()
    )
    by_country: dict[str, dict[str, Any]] = {}
    for row in rows:
        for country in str(row["countries"] or "").split(","):
            if not country:
                continue
            entry = by_country.setdefault(country, {"country": country, "cases": 0, "people": set()})
            entry["cases"] += 1
            entry["people"] |= {p for p in visitors_of.get(row["pk"], set()) if nationality.get(p) == country}

    subkinds: dict[int, tuple[str, str]] = {}
    for finder in _subkinds:
        subkinds.update(finder(cases))
    by_kind: dict[str, dict[str, Any]] = {}
    for row in rows:
        code, label = subkinds.get(row["pk"], (row["kind"], row["kind"]))
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
        entry = by_month[f"{row['start_date']:%Y-%m}"]
        entry["cases"] += 1
        entry["people"] |= visitors_of.get(row["pk"], set())

    def with_visitors(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {**{k: v for k, v in e.items() if k != "people"}, "visitors": len(e["people"])} for e in entries
        ]

    # Follow-ups of the cases that count; "overdue" as things stood at the end of the period (or
    # today, for a period not over): due before then, created by then, and not closed by then.
    as_of = min(period.end, timezone.localdate())
    followups = FollowUp.objects.filter(case__in=cases_visible_to(user).exclude(status__in=NOT_COUNTED))
    overdue = followups.filter(due_date__lt=as_of, created_at__date__lte=as_of).filter(
        Q(status=FollowUp.Status.OPEN) | Q(closed_at__date__gt=as_of)
    )
    figures: dict[str, Any] = {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "cases": len(rows),
        "inbound_delegations": len(inbound_met),
        "foreign_visitors": len(_distinct(visitors_of, inbound_met)),
        "online_meetings": len(online),
        "outbound_delegations": len(outbound),
        "officials": len(_distinct(everyone, outbound)),
        "press_visits": len(press),
        "reporters": len(_distinct(crews, press)),
        "by_country": with_visitors(sorted(by_country.values(), key=lambda e: (-e["cases"], e["country"]))),
        "by_kind": with_visitors(sorted(by_kind.values(), key=lambda e: (-e["cases"], e["kind"]))),
        "by_lead_agency": sorted(by_agency.values(), key=lambda e: (-e["cases"], e["agency"])),
        "by_month": with_visitors(list(by_month.values())),
        "follow_ups": {
            "opened": followups.filter(created_at__date__range=(period.start, period.end)).count(),
            "done": followups.filter(
                status=FollowUp.Status.DONE, closed_at__date__range=(period.start, period.end)
            ).count(),
            "overdue": overdue.count(),
        },
    }
    for name, figure in _figures.items():
        figures[name] = figure(cases)
    return figures


SUMMARY_KEYS = (
    "cases", "inbound_delegations", "foreign_visitors", "online_meetings", "outbound_delegations",
    "officials", "press_visits", "reporters",
)  # fmt: skip


def report_figures(user: AbstractBaseUser | AnonymousUser, period: Period) -> dict[str, Any]:
    """The report of ``period`` as ``user`` may see it, with the previous period's totals."""
    figures = _figures_of(user, period)
    before = _figures_of(user, period.previous())
    figures["previous"] = {
        "period": before["period"],
        **{key: before[key] for key in (*SUMMARY_KEYS, *_figures) if key in before},
        "follow_ups": before["follow_ups"],
    }
    return figures

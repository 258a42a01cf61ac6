"""The NGOs' and aid projects' figures of a report period, for who reads the registry (protocol,
leaders, admins, the police).

Definitions (also in the README):
- active NGOs: NGOs holding a certificate valid on some day of the period (issued on or before its
  end, valid until its start or later);
- visits by NGO: the counted visits of the period (``counted_cases``: started in it, of a counted
  status, that the user may see) whose counterpart is a foreign NGO, per NGO;
- projects by status: the projects running on some day of the period (start on or before its end,
  end on or after its start), per status;
- aid committed and disbursed (VND): the projects *approved in the period*: their approval
  decision dated in it, or, for a project without a decision date, its start in it; cancelled and
  merely proposed projects are left out. By year of that date, by sector and by commune (a project
  in several communes counts whole in each: the commune rows do not add up to the total)."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngos.models import AidProject, Ngo
from ngos.selectors import projects_visible_to, reads_registry
from ttdn.accounts.models import Agency
from ttdn.cases.models import Organisation
from ttdn.reports.periods import Period
from ttdn.reports.sections import ReportSection, Row
from ttdn.reports.statistics import counted_cases

COUNTED_STATUSES = (
    AidProject.Status.APPROVED,
    AidProject.Status.UNDER_WAY,
    AidProject.Status.COMPLETED,
    AidProject.Status.SUSPENDED,
)


def approved_in(user: Any, period: Period) -> QuerySet[AidProject]:
    """The projects approved in ``period`` (see the module's definitions)."""
    span = (period.start, period.end)
    return (
        projects_visible_to(user)
        .filter(status__in=COUNTED_STATUSES)
        .filter(Q(decision_date__range=span) | Q(decision_date__isnull=True, start_date__range=span))
        .annotate(approved_year=ExtractYear(Coalesce("decision_date", "start_date")))
    )


def ngo_rows(user: Any, period: Period) -> list[Row]:
    active = (
        Ngo.objects.filter(
            certificates__issued_on__lte=period.end, certificates__valid_until__gte=period.start
        )
        .distinct()
        .count()
    )
    visits = (
        counted_cases(user, period)
        .filter(counterpart__kind=Organisation.Kind.NGO)
        .values("counterpart__name")
        .annotate(visits=Count("pk"))
        .order_by("-visits", "counterpart__name")
    )
    rows: list[Row] = [("active_ngos", [_("Foreign NGOs with a valid certificate"), active])]
    rows += [
        (
            f"visits:{row['counterpart__name']}",
            [_("Visits: %(ngo)s") % {"ngo": row["counterpart__name"]}, row["visits"]],
        )
        for row in visits
    ]
    return rows


def project_rows(user: Any, period: Period) -> list[Row]:
    running = (
        projects_visible_to(user)
        .filter(start_date__lte=period.end, end_date__gte=period.start)
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = {row["status"]: row["n"] for row in running}
    return [(status, [str(label), counts.get(status, 0)]) for status, label in AidProject.Status.choices]


def _sums(projects: QuerySet[AidProject]) -> dict[str, list[dict[str, Any]]]:
    """The approved projects counted and summed by year, by sector and by commune, in one statement
    (a union of the three groupings). Each commune counts its projects whole: the sums over each
    commune's own rows of the link (one row per commune and project)."""
    sums = {
        "n": Count("pk", distinct=True),
        "c": Coalesce(Sum("committed"), 0),
        "d": Coalesce(Sum("disbursed"), 0),
    }
    text: CharField[str, str] = CharField()
    by_year = projects.values(
        group=Value("year", text),
        key=Cast("approved_year", text),
        label=Cast("approved_year", text),
        label_en=Value("", text),
    )
    by_sector = projects.values(
        group=Value("sector", text), key=F("sector__name"), label=F("sector__name"), label_en=Value("", text)
    )
    by_commune = AidProject.objects.filter(pk__in=projects.values("pk"), communes__isnull=False).values(
        group=Value("commune", text),
        key=F("communes__code"),
        label=F("communes__name_vi"),
        label_en=F("communes__name_en"),
    )
    grouped = (
        by_year.annotate(**sums)
        .order_by()
        .union(by_sector.annotate(**sums).order_by(), by_commune.annotate(**sums).order_by(), all=True)
    )
    found: dict[str, list[dict[str, Any]]] = {"year": [], "sector": [], "commune": []}
    for row in grouped:
        found[row["group"]].append(row)
    for rows in found.values():
        rows.sort(key=lambda row: str(row["label"] or ""))
    return found


def aid_rows(user: Any, period: Period) -> list[Row]:
    grouped = _sums(approved_in(user, period))
    # Each project has one year: the total is the years' sum.
    total = [sum(row[column] for row in grouped["year"]) for column in ("n", "c", "d")]
    rows: list[Row] = [("total", [_("All projects approved in the period"), *total])]
    for row in grouped["year"]:
        rows.append(
            (f"year:{row['key']}", [_("Year %(year)s") % {"year": row["key"]}, row["n"], row["c"], row["d"]])
        )
    for row in grouped["sector"]:
        rows.append(
            (
                f"sector:{row['key']}",
                [_("Sector: %(name)s") % {"name": row["label"]}, row["n"], row["c"], row["d"]],
            )
        )
    for row in grouped["commune"]:
        rows.append(
            (
                f"commune:{row['key']}",
                [
                    _("Commune: %(name)s") % {"name": Agency.name_of(str(row["label"]), row["label_en"])},
                    row["n"],
                    row["c"],
                    row["d"],
                ],
            )
        )
    return rows


NGO_SECTION = ReportSection(
    key="ngos",
    title=gettext_lazy("Foreign NGOs"),
    header=[gettext_lazy("Figure"), gettext_lazy("Number")],
    rows=ngo_rows,
    visible_to=reads_registry,
)
PROJECT_SECTION = ReportSection(
    key="aid_projects",
    title=gettext_lazy("Aid projects running in the period, by status"),
    header=[gettext_lazy("Status"), gettext_lazy("Projects")],
    rows=project_rows,
    visible_to=reads_registry,
)
AID_SECTION = ReportSection(
    key="aid",
    title=gettext_lazy("Aid approved in the period (VND)"),
    header=[
        gettext_lazy("Projects approved"),
        gettext_lazy("Projects"),
        gettext_lazy("Committed (VND)"),
        gettext_lazy("Disbursed (VND)"),
    ],
    rows=aid_rows,
    visible_to=reads_registry,
)
SECTIONS = (NGO_SECTION, PROJECT_SECTION, AID_SECTION)

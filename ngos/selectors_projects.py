"""Reads of the aid projects for their pages, API and report: always from ``projects_visible_to``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ngos.models import AidProject, AidSector, Filing, Ngo
from ngos.selectors import projects_visible_to
from ttdn.accounts.models import Agency
from ttdn.cases.models import Case
from ttdn.cases.selectors import cases_visible_to


def projects_filtered(
    projects: QuerySet[AidProject],
    *,
    ngo: Ngo | int | None = None,
    sector: AidSector | int | None = None,
    commune: Agency | int | None = None,
    status: str = "",
    year: int | None = None,
) -> QuerySet[AidProject]:
    """``year``: the projects running at some time of that year."""
    if ngo:
        projects = projects.filter(ngo=ngo)
    if sector:
        projects = projects.filter(sector=sector)
    if commune:
        projects = projects.filter(communes=commune)
    if status:
        projects = projects.filter(status=status)
    if year:
        projects = projects.filter(
            start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1)
        )
    return projects.distinct() if commune else projects


def project_list_for(*, user: Any, **filters: Any) -> QuerySet[AidProject]:
    return projects_filtered(projects_visible_to(user), **filters).select_related(
        "ngo__organisation", "sector"
    )


def project_get_for(*, user: Any, pk: int) -> AidProject:
    """One project for its page; one the user may not see is missing, exactly like one that is."""
    project = projects_visible_to(user).select_related("ngo__organisation", "sector").filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


def project_cases_for(*, user: Any, project: AidProject) -> QuerySet[Case]:
    """The visits serving ``project`` that ``user`` may see."""
    return cases_visible_to(user).filter(aid_projects=project).order_by("-start_date", "-pk")


@dataclass(frozen=True)
class ReportRow:
    filing: Filing
    state: str  # "received", "overdue", "due": a class of the page's badge
    label: str


def progress_reports(project: AidProject) -> list[ReportRow]:
    today = timezone.localdate()
    rows = []
    for filing in project.filings.filter(kind=Filing.Kind.PROJECT_PROGRESS).order_by("period_end", "pk"):
        if filing.received_on is not None:
            row = ReportRow(filing, "received", _("Report received"))
        elif filing.due_on < today:
            row = ReportRow(filing, "overdue", _("Report overdue"))
        else:
            row = ReportRow(filing, "due", _("Report not yet due"))
        rows.append(row)
    return rows

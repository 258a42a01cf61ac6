"""What delegations add to the periodic report (registered with their kind): their figures, the
kind of each delegation, and who counts as their foreign visitors."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from delegations.models import Delegation
from ttdn.cases.kinds import KindReport, ReportFigure
from ttdn.cases.models import Case
from ttdn.reports.people import count_distinct, people_in


def delegation_kinds(cases: QuerySet[Case]) -> dict[int, tuple[str, str]]:
    labels = dict(Delegation.Kind.choices)
    return {
        case_id: (kind, str(labels.get(kind, kind)))
        for case_id, kind in Delegation.objects.filter(case__in=cases).values_list(
            "case_id", "delegation_kind"
        )
    }


# Each is given the delegations that count in the period and met in person.
def _inbound(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(direction=Case.Direction.INBOUND)


def _outbound(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(direction=Case.Direction.OUTBOUND)


def foreign_visitors(cases: QuerySet[Case]) -> dict[int, set[int]]:
    return people_in(_inbound(cases), vietnamese=False)


REPORT = KindReport(
    figures=(
        ReportFigure(
            key="inbound_delegations",
            label=_("Inbound delegations received in person"),
            definition=_("Counted delegations that came to the province and were met in person."),
            count=lambda cases: _inbound(cases).count(),
        ),
        ReportFigure(
            key="foreign_visitors",
            label=_("Foreign visitors in them"),
            definition=_(
                "The distinct people of another nationality than Vietnamese among the participants "
                "of those delegations: one person in two delegations is one visitor."
            ),
            count=lambda cases: count_distinct(foreign_visitors(cases)),
        ),
        ReportFigure(
            key="outbound_delegations",
            label=_("Outbound delegations"),
            definition=_("Counted delegations of the province that travelled abroad."),
            count=lambda cases: _outbound(cases).count(),
        ),
        ReportFigure(
            key="officials",
            label=_("Officials in them"),
            definition=_(
                "The distinct Vietnamese members (nationality Viet Nam) of those delegations; a "
                "foreigner travelling with them is not one of the province's officials."
            ),
            count=lambda cases: count_distinct(people_in(_outbound(cases), vietnamese=True)),
        ),
    ),
    sorts=delegation_kinds,
    visitors=foreign_visitors,
    sort_column="delegation_kind",
)

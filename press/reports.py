"""What press visits add to the periodic report (registered with their kind): their figures, and
who counts as their foreign visitors (the crews)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from press.models import Coverage
from ttdn.cases.kinds import KindReport, ReportFigure
from ttdn.cases.models import Case, Participant
from ttdn.reports.people import count_distinct, people_in

NOT_IN_THE_CREW = [Participant.Role.INTERPRETER]


# Each is given the press visits that count in the period and met in person.
def crews(cases: QuerySet[Case]) -> dict[int, set[int]]:
    return people_in(cases, without_roles=NOT_IN_THE_CREW)


def foreign_crews(cases: QuerySet[Case]) -> dict[int, set[int]]:
    return people_in(cases, vietnamese=False, without_roles=NOT_IN_THE_CREW)


def coverage_published(cases: QuerySet[Case]) -> int:
    return Coverage.objects.filter(case__in=cases).count()


REPORT = KindReport(
    figures=(
        ReportFigure(
            key="press_visits",
            label=_("Press visits"),
            definition=_("Counted visits of foreign reporters met in person."),
            count=lambda cases: cases.count(),
        ),
        ReportFigure(
            key="reporters",
            label=_("Reporters"),
            definition=_(
                "The distinct people of those visits' crews: their participants other than interpreters."
            ),
            count=lambda cases: count_distinct(crews(cases)),
        ),
        ReportFigure(
            key="coverage",
            label=_("Coverage published"),
            definition=_("The coverage recorded for those visits (articles, reports, broadcasts)."),
            count=coverage_published,
        ),
    ),
    visitors=foreign_crews,
)

"""What press visits add to the periodic report (registered with their kind): their figures, and
who counts as their foreign visitors (the crews)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ttdn.cases.kinds import KindReport, ReportFigure
from ttdn.cases.models import Participant
from ttdn.reports.people import FOREIGNERS

# The crew of a press visit: its participants other than interpreters.
CREW = ~Q(role=Participant.Role.INTERPRETER)

REPORT = KindReport(
    figures=(
        ReportFigure(
            key="press_visits",
            label=_("Press visits"),
            definition=_("Counted visits of foreign reporters met in person."),
        ),
        ReportFigure(
            key="reporters",
            label=_("Reporters"),
            definition=_(
                "The distinct people of those visits' crews: their participants other than interpreters."
            ),
            people=CREW,
        ),
        ReportFigure(
            key="coverage",
            label=_("Coverage published"),
            definition=_("The coverage recorded for those visits (articles, reports, broadcasts)."),
            related="coverage",
        ),
    ),
    visitors=CREW & FOREIGNERS,
)

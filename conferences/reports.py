"""What conferences add to the periodic report (registered with their kind).

A conference counts once it was held in the period with people present (in person or mixed; an
online one is among the core's online meetings). Its foreign participants are the distinct foreign
people recorded as its participants, as the other kinds count their visitors, so that one person at
two conferences counts once and the figures by country add up; the counts expected in the dossier
are shown on the case, not added here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ttdn.cases.kinds import KindReport, ReportFigure
from ttdn.reports.people import FOREIGNERS

REPORT = KindReport(
    figures=(
        ReportFigure(
            key="conferences",
            label=_("International conferences and seminars held"),
            definition=_(
                "Conferences and seminars approved or later that start in the period and are held with "
                "people present (in person or mixed)."
            ),
        ),
        ReportFigure(
            key="conference_foreign_participants",
            label=_("Foreign participants in conferences"),
            definition=_("The distinct foreign people recorded as participants of those conferences."),
            people=FOREIGNERS,
        ),
    ),
    visitors=FOREIGNERS,
)

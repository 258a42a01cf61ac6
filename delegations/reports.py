"""What inbound delegations add to the periodic report (registered with their kind): their figures,
the kind of each delegation as their sort, and who counts as their foreign visitors. (Outbound
delegations report their own: outbound/reports.py.)"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ttdn.cases.kinds import KindReport, ReportFigure
from ttdn.cases.models import Case
from ttdn.reports.people import FOREIGNERS

INBOUND = Q(direction=Case.Direction.INBOUND)

REPORT = KindReport(
    figures=(
        ReportFigure(
            key="inbound_delegations",
            label=_("Inbound delegations received in person"),
            definition=_("Counted delegations that came to the province and were met in person."),
            cases=INBOUND,
        ),
        ReportFigure(
            key="foreign_visitors",
            label=_("Foreign visitors in them"),
            definition=_(
                "The distinct people of another nationality than Vietnamese among the participants "
                "of those delegations: one person in two delegations is one visitor."
            ),
            cases=INBOUND,
            people=FOREIGNERS,
        ),
    ),
    visitors=Q(case__direction=Case.Direction.INBOUND) & FOREIGNERS,
    sort_column="delegation_kind",
)

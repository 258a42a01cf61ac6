"""What outbound delegations add to the periodic report (registered with their kind): the trips
held and the province's officials who travelled. Their members are officials, not foreign
visitors: the trips count by the countries they went to, with no visitors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ttdn.cases.kinds import KindReport, ReportFigure

REPORT = KindReport(
    figures=(
        ReportFigure(
            key="outbound_delegations",
            label=_("Outbound delegations"),
            definition=_("Counted delegations of the province that travelled abroad."),
        ),
        ReportFigure(
            key="officials",
            label=_("Officials in them"),
            definition=_(
                "The distinct officials of the province who were members of those delegations: "
                "one official on two trips is one."
            ),
            # distinct officials: a count of the distinct values of this path from the case
            related="outbound_trip__members__official",
        ),
    ),
    visitors=None,
)

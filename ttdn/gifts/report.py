"""The gifts' figures of a report period, for protocol staff, leaders and administrators only."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.cases.policy import reads_finances
from ttdn.gifts.selectors import gifts_given_visible_to, gifts_received_visible_to
from ttdn.reports.periods import Period
from ttdn.reports.sections import ReportSection, Row


def _figures(name: str, field: str, condition: Q | None = None) -> dict[str, Any]:
    """The count (``name``) and the total of ``field`` (``name_total``) of the rows that match."""
    return {name: Count("pk", filter=condition), f"{name}_total": Coalesce(Sum(field, filter=condition), 0)}


def gift_rows(user: Any, period: Period) -> list[Row]:
    """Gifts dated in the period, on the cases ``user`` may see: given (count, value), received
    (count, estimated value), of those above the threshold, handed in, overdue today."""
    span = (period.start, period.end)
    given = gifts_given_visible_to(user).filter(given_on__range=span).aggregate(**_figures("g", "value"))
    over = Q(above_threshold=True)
    handed = Q(handed_in_on__isnull=False)
    overdue = over & Q(handed_in_on__isnull=True, hand_in_due__lt=timezone.localdate())
    received = (
        gifts_received_visible_to(user)
        .filter(received_on__range=span)
        .aggregate(
            **_figures("r", "estimated_value"),
            **_figures("ro", "estimated_value", over),
            **_figures("rh", "estimated_value", over & handed),
            **_figures("rl", "estimated_value", overdue),
        )
    )
    return [
        ("given", [_("Gifts given"), given["g"], given["g_total"]]),
        ("received", [_("Gifts received"), received["r"], received["r_total"]]),
        ("over_threshold", [_("Received above the threshold"), received["ro"], received["ro_total"]]),
        ("handed_in", [_("Above the threshold, handed in"), received["rh"], received["rh_total"]]),
        ("overdue", [_("Above the threshold, overdue"), received["rl"], received["rl_total"]]),
    ]


GIFTS_SECTION = ReportSection(
    key="gifts",
    title=gettext_lazy("Gifts register"),
    header=[gettext_lazy("Gifts"), gettext_lazy("Quantity"), gettext_lazy("Value (VND)")],
    rows=gift_rows,
    visible_to=reads_finances,
)

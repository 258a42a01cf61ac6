from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The ranks of the order of precedence (``CaseHost.rank``, ``Participant.rank``): from 1, the head,
# to a bound well inside a small integer (PostgreSQL's ends at 32767). The forms, the API and the
# services (``ttdn.cases.services.hosts.ranks_checked``) all check it against these.
RANK_MIN = 1
RANK_MAX = 999
RANK_RANGE_MESSAGE = format_lazy(
    _("A rank is a whole number from {low} (the head) to {high}."), low=RANK_MIN, high=RANK_MAX
)
# The bounds as the keyword arguments of an integer field: Django's forms and DRF's take the same.
RANK_FIELD_BOUNDS: dict[str, Any] = {
    "min_value": RANK_MIN,
    "max_value": RANK_MAX,
    "error_messages": {"min_value": RANK_RANGE_MESSAGE, "max_value": RANK_RANGE_MESSAGE},
}


class CaseHost(models.Model):
    """A Vietnamese official who receives the guests (the host side of the order of precedence and
    of the seating plan). Officials in their public role: their name and title only."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="hosts"
    )
    name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    position_translated = models.CharField(_("position in the guests' language"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("Order of precedence on the host side: 1 is the head of the host side.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("host official")
        verbose_name_plural = _("host officials")
        ordering = ["rank", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"

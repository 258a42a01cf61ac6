from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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

"""How long the identity data of a closed case is kept, per kind of case (editable by admins)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RetentionPeriod(models.Model):
    """Years after a case of ``kind`` closed (or was cancelled) before its people's identity data
    is anonymised, once every case of theirs is past its own period. A kind with no period is kept."""

    kind = models.CharField(_("kind of case"), max_length=16, unique=True)
    years = models.PositiveSmallIntegerField(
        _("years after closing"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods of personal data")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.years}"

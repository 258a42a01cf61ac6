"""The working calendar's data: days the government adds or swaps, and the legal timers."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CalendarDay(models.Model):
    """A day the government announces for a year: an extra day off, or a make-up working day
    (a Saturday worked to bridge a holiday). Public holidays themselves come from ``holidays``."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day (make-up)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days (days off and make-up working days)")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"


class Timer(models.Model):
    """A deadline counted in working days from a date of the case (editable by admins)."""

    class Anchor(models.TextChoices):
        BEFORE_START = "before_start", _("working days before the start")
        AFTER_END = "after_end", _("working days after the end")
        AFTER_RECEIPT = "after_receipt", _("working days after the request is received")
        AFTER_CERTIFICATE = (
            "after_certificate",
            _("working days after a certificate is issued, renewed or amended"),
        )
        AFTER_PERIOD = "after_period", _("working days after the period reported ends")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    working_days = models.PositiveSmallIntegerField(
        _("working days"), validators=[MinValueValidator(0), MaxValueValidator(365)]
    )
    anchor = models.CharField(_("counted"), max_length=24, choices=Anchor.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline timer")
        verbose_name_plural = _("deadline timers")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}: {self.working_days} {self.get_anchor_display()}"

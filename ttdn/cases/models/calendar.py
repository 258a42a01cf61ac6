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
    """A deadline counted in days from a date of the case (editable by admins): working days, as
    most rules count them, or calendar days where the rule says "days" (Decision 06/2020/QĐ-TTg)."""

    class Anchor(models.TextChoices):
        BEFORE_START = "before_start", _("before the start")
        AFTER_END = "after_end", _("after the end")
        AFTER_RECEIPT = "after_receipt", _("after the request is received")
        AFTER_CERTIFICATE = "after_certificate", _("after a certificate is issued, renewed or amended")
        AFTER_PERIOD = "after_period", _("after the period reported ends")

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", _("working days")
        DAYS = "days", _("days (calendar)")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    # Named when every timer counted working days; the unit says how they are counted now. (Kept:
    # the apps' migrations create their timers by this name.)
    working_days = models.PositiveSmallIntegerField(
        _("number of days"), validators=[MinValueValidator(0), MaxValueValidator(365)]
    )
    unit = models.CharField(
        _("counted in"),
        max_length=16,
        choices=Unit.choices,
        default=Unit.WORKING_DAYS,
        help_text=_(
            "Working days skip weekends, public holidays and the days off the admins add; calendar "
            "days count every day. Follow the wording of the legal basis."
        ),
    )
    anchor = models.CharField(_("counted"), max_length=24, choices=Anchor.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline timer")
        verbose_name_plural = _("deadline timers")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}: {self.working_days} {self.get_unit_display()} {self.get_anchor_display()}"

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ProgrammeItem(models.Model):
    """One line of the programme (chương trình làm việc)."""

    class Activity(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        SITE_VISIT = "site_visit", _("Site visit")
        INTERVIEW = "interview", _("Interview")
        FILMING = "filming", _("Filming")
        ONLINE_MEETING = "online_meeting", _("Online meeting")
        CEREMONY = "ceremony", _("Ceremony or reception")
        OTHER = "other", _("Other")

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="programme_items"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=255)
    activity = models.CharField(_("activity"), max_length=16, choices=Activity.choices)
    summary = models.CharField(
        _("content"),
        max_length=255,
        blank=True,
        help_text=_('What happens, e.g. "Working session with the province\'s leaders".'),
    )
    hosts = models.CharField(_("Vietnamese hosts"), max_length=255, blank=True)
    # The same in the guests' language (Case.guest_language), for the print-outs handed to them.
    summary_translated = models.CharField(_("content in the guests' language"), max_length=255, blank=True)
    place_translated = models.CharField(_("place in the guests' language"), max_length=255, blank=True)
    hosts_translated = models.CharField(_("hosts in the guests' language"), max_length=255, blank=True)
    recording_planned = models.BooleanField(_("filming or recording planned"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="cases_programme_end_after_start",
                violation_error_message=_("A programme item must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()}: {self.place}"

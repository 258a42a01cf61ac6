"""What happened to a case, as typed events (the way pretix's log_action and Zulip's audit log
keep theirs): the timeline and the API read these instead of parsing reason strings."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Reasons, decisions and notes are kept whole up to this length; a longer one is a form error.
TEXT_MAX_LENGTH = 2000


class CaseEvent(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    # A dotted code, e.g. "case.approve", "review.decided"; its label lives in ttdn.cases.events.
    code = models.CharField(_("event"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for what the system did (the calendar, a timer)."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    text = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "at"]), models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.code} ({self.at:%Y-%m-%d %H:%M})"

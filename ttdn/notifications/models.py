from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class EmailState(models.TextChoices):
    PENDING = "pending", _("To be sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent (no address, or no access any more)")
    FAILED = "failed", _("Failed (the mail server refused it every time)")


class Notification(models.Model):
    """What the system told one person about one thing, once (the unique key makes repeats no-ops).

    The message is rendered when shown, in the reader's language, from ``kind`` and ``params``.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=64)
    # What and which occasion: e.g. "review:12:cleared"; one notification per kind, key, recipient.
    key = models.CharField(_("key"), max_length=128)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # The e-mail: pending until sent (alone, or in the recipient's daily digest) or skipped.
    email_state = models.CharField(
        _("e-mail"), max_length=8, choices=EmailState.choices, default=EmailState.PENDING
    )
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # Rounds of sending that failed (each round is a task with its own quick retries).
    email_attempts = models.PositiveSmallIntegerField(_("failed rounds"), default=0)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "recipient"], name="notifications_once_per_occasion"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state", "queued_at"], name="notifications_to_send"),
            # A user's list, newest first: read from the top, however long their history.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notifications_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient_id}"


class ReminderRule(models.Model):
    """When to remind whom of what: the sweep reads these; admins edit them.

    ``trigger`` names the code that finds what is due (``ttdn.notifications.rules``); ``offset``
    says how far ahead (or, for overdue triggers, how long after) in working or calendar days.
    """

    class DayKind(models.TextChoices):
        WORKING = "working", _("working days")
        CALENDAR = "calendar", _("calendar days")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    trigger = models.CharField(_("what it watches"), max_length=64)
    enabled = models.BooleanField(_("on"), default=True)
    offset = models.PositiveSmallIntegerField(
        _("days"),
        default=0,
        validators=[MaxValueValidator(366)],
        help_text=_("How many days ahead of the date (or, for an overdue rule, after it) to remind."),
    )
    day_kind = models.CharField(
        _("counted in"), max_length=8, choices=DayKind.choices, default=DayKind.WORKING
    )
    audiences = models.JSONField(_("recipients"), default=list)
    history = HistoricalRecords()

    # Set by the sweep, not stored: where the next closer rule of the same trigger takes over, so
    # that "in 7 days" and "in 1 day" do not both remind of a visit first seen the day before.
    window_floor: datetime.date | None = None

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["trigger", "offset", "code"]

    def __str__(self) -> str:
        return self.name

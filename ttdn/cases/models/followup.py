from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FollowUp(models.Model):
    """Work after the visit (việc sau đoàn), owed by a user or an agency by a date."""

    class Kind(models.TextChoices):
        TASK = "task", _("Follow-up")
        REPORT = "report", _("Post-visit report")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TASK)
    title = models.CharField(_("title"), max_length=255)
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to (person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    assignee_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("assigned to (agency)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    result = models.TextField(_("result"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assignee_user__isnull=False) | models.Q(assignee_agency__isnull=False),
                name="cases_followup_has_assignee",
                violation_error_message=_("Assign the follow-up to a person or an agency."),
            ),
            # One post-visit report per case (a cancelled one can be reopened by protocol by hand).
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(kind="report", status="open"),
                name="cases_followup_one_open_report",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def assignee(self) -> object:
        return self.assignee_user or self.assignee_agency

    @property
    def is_report(self) -> bool:
        return self.kind == self.Kind.REPORT

    @property
    def is_overdue(self) -> bool:
        """Still open after its due date."""
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()


class PostVisitReport(models.Model):
    """The post-visit report (báo cáo kết quả): filing it closes its follow-up and moves the case
    to reported; its commitments become follow-ups of their own."""

    followup = models.OneToOneField(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="report"
    )
    summary = models.TextField(_("summary"))
    outcomes = models.TextField(_("outcomes"), blank=True)
    agreements_signed = models.TextField(
        _("agreements signed"), blank=True, help_text=_("Title, partner and date of each, one per line.")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post-visit report")
        verbose_name_plural = _("post-visit reports")

    def __str__(self) -> str:
        return str(self.followup)

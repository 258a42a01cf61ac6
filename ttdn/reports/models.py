"""Report requests (yêu cầu báo cáo): protocol staff ask a set of agencies for their report of a
period by a date; each agency's contribution (its figures, its narrative by section, its plan
tasks' progress); the reminders sent by hand; and the compiled report, a document out."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ttdn.reports.periods import Basis, Period

# The sections of an agency's narrative, in the order of the compiled report (the usual outline of
# a report on external information): (field of Contribution, heading in the compiled report).
SECTIONS = (
    ("results", _("Results of external information work in the period")),
    ("difficulties", _("Shortcomings, difficulties and their causes")),
    ("next_steps", _("Tasks and solutions for the next period")),
    ("proposals", _("Proposals and recommendations")),
)


class ReportRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent to the agencies")
        COMPILED = "compiled", _("Compiled")

    title = models.CharField(_("title"), max_length=255)
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices, default=Basis.CALENDAR)
    period_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    period_quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    period_half = models.PositiveSmallIntegerField(_("half-year"), null=True, blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    period_label = models.CharField(_("period"), max_length=120)
    due_on = models.DateField(_("due on"), help_text=_("The day the agencies' contributions are due."))
    instructions = models.TextField(_("instructions"), blank=True)
    agencies = models.ManyToManyField(
        "accounts.Agency", verbose_name=_("agencies asked"), related_name="report_requests"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    compiled_at = models.DateTimeField(_("compiled at"), null=True, blank=True)
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("compiled report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_request",
    )
    history = HistoricalRecords(m2m_fields=[agencies])

    class Meta:
        verbose_name = _("report request")
        verbose_name_plural = _("report requests")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="reports_request_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_label})"

    def period(self) -> Period:
        return Period(
            self.period_start,
            self.period_end,
            self.period_year,
            self.period_quarter,
            self.period_half,
            self.basis,
        )


class Contribution(models.Model):
    """One agency's part of a report request: drafted by its staff, then submitted (and then fixed)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", pgettext_lazy("contribution", "Submitted")

    request = models.ForeignKey(
        ReportRequest,
        verbose_name=_("report request"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="contributions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("shortcomings and difficulties"), blank=True)
    next_steps = models.TextField(_("tasks for the next period"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    # The agency's own figures of the period (ttdn.reports.statistics.report_figures, as its staff
    # may see them), taken when it is saved and kept as submitted.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    # Its plan tasks' latest progress in the period (ttdn.plans.selectors.progress_for), as submitted.
    progress = models.JSONField(_("progress of the plan's tasks"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last saved at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["figures", "progress"])

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["request", "agency__name_vi", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "agency"], name="reports_one_contribution_per_agency"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="reports_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.agency}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ContributionReminder(models.Model):
    """A reminder protocol staff sent by hand to an agency that had not submitted (one per click)."""

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE, related_name="reminders"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.contribution} · {self.sent_at:%d/%m/%Y %H:%M}"

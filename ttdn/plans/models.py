"""The province's external-information plan (kế hoạch thông tin đối ngoại): its tasks, each given
to one or more agencies, and the progress each agency reports on them."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ttdn.cases.storage import attachment_storage


class Plan(models.Model):
    """A plan the People's Committee issues, e.g. "Kế hoạch 57/KH-UBND"."""

    number = models.CharField(_("number and symbol"), max_length=64, help_text=_("For example 57/KH-UBND."))
    issued_on = models.DateField(_("issued on"))
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"))
    implements = models.TextField(
        _("implements"), blank=True, help_text=_("The decision, directive or plan this plan implements.")
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external-information plan")
        verbose_name_plural = _("external-information plans")
        ordering = ["-year", "-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"pk": self.pk})


class PlanTask(models.Model):
    """A task of a plan, given to one or more agencies: due once, or each quarter or year."""

    class Recurrence(models.TextChoices):
        NONE = "", _("Once")
        QUARTERLY = "quarterly", _("Every quarter")
        YEARLY = "yearly", _("Every year")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    agencies = models.ManyToManyField(
        "accounts.Agency", verbose_name=_("agencies"), related_name="plan_tasks"
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=16, choices=Recurrence.choices, blank=True, default=Recurrence.NONE
    )
    expected_output = models.CharField(_("expected output"), max_length=500, blank=True)
    history = HistoricalRecords(m2m_fields=[agencies])

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:task", kwargs={"pk": self.pk})


class TaskProgress(models.Model):
    """One progress update an agency's staff give on a task (the latest one is its status)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("plan task", "In progress")
        DONE = "done", pgettext_lazy("plan task", "Done")
        BLOCKED = "blocked", _("Blocked")

    task = models.ForeignKey(
        PlanTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="progress"
    )
    agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="plan_progress"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    text = models.TextField(_("progress"))
    reported_on = models.DateField(_("reported on"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")
        ordering = ["-reported_on", "-created_at", "-pk"]
        indexes = [models.Index(fields=["task", "agency", "reported_on"], name="plans_progress_latest")]

    def __str__(self) -> str:
        return f"{self.task} · {self.agency} · {self.get_status_display()}"


def progress_file_path(instance: ProgressFile, filename: str) -> str:
    # The stored name says nothing of the content; the original name is kept in the row.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"plans/{instance.progress.task_id}/{uuid.uuid4().hex}{suffix}"


class ProgressFile(models.Model):
    """A file attached to a progress update; served only through the permission-checked view."""

    progress = models.ForeignKey(
        TaskProgress, verbose_name=_("progress"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(
        _("file"), storage=attachment_storage, upload_to=progress_file_path, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=128)
    size = models.PositiveBigIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("progress file")
        verbose_name_plural = _("progress files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

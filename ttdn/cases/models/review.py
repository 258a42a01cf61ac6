"""The confidentiality review by the police (kiểm tra bảo mật), and the secrecy marks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Review(models.Model):
    """One referral of a case to the police. A change after approval opens the next one."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the police")
        MORE_INFO = "more_info", _("More information needed")
        CLEARED = "cleared", _("Cleared")
        CLEARED_WITH_CONDITIONS = "cleared_with_conditions", _("Cleared with conditions")
        NOT_CLEARED = "not_cleared", _("Not cleared")
        WAIVED = "waived", _("Waived by a leader")
        STALE = "stale", _("Superseded by a change")
        WITHDRAWN = "withdrawn", _("Withdrawn: the case was cancelled or rejected")

    OPEN = (Status.PENDING, Status.MORE_INFO)
    PASSED = (Status.CLEARED, Status.CLEARED_WITH_CONDITIONS, Status.WAIVED)
    DECIDED = (Status.CLEARED, Status.CLEARED_WITH_CONDITIONS, Status.NOT_CLEARED)

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="reviews"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    police_agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("police agency"), on_delete=models.PROTECT, related_name="reviews"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_reviews",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.PENDING)
    materials_checked = models.BooleanField(_("materials checked for state secrets"), default=False)
    programme_avoids_restricted_areas = models.BooleanField(
        _("programme avoids restricted areas"), default=False
    )
    hosts_briefed = models.BooleanField(_("hosts briefed on secrecy"), default=False)
    recording_restrictions_stated = models.BooleanField(
        _("recording and filming restrictions stated"), default=False
    )
    # Items a kind may choose instead (ttdn.cases.review_checklist), e.g. for a trip abroad.
    travellers_briefed = models.BooleanField(_("members briefed on secrecy abroad"), default=False)
    devices_checked = models.BooleanField(_("devices carried checked"), default=False)
    conditions = models.TextField(_("conditions"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    # Every item the review can hold; each kind checks its cases on some of them
    # (ttdn.cases.review_checklist.checklist_names).
    ITEMS = (
        "materials_checked",
        "programme_avoids_restricted_areas",
        "hosts_briefed",
        "recording_restrictions_stated",
        "travellers_briefed",
        "devices_checked",
    )

    class Meta:
        verbose_name = _("confidentiality review")
        verbose_name_plural = _("confidentiality reviews")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="cases_review_number_unique"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["pending", "more_info"]),
                name="cases_review_one_open_per_case",
            ),
        ]
        # The police's dashboard: their agency's pending reviews by due date.
        indexes = [models.Index(fields=["police_agency", "status", "due_date"])]

    def __str__(self) -> str:
        return f"#{self.number} {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def checklist(self) -> dict[str, bool]:
        """The items of its case's kind, ticked or not."""
        from ttdn.cases.review_checklist import checklist_names

        return {name: getattr(self, name) for name in checklist_names(self.case.kind)}

    @property
    def checklist_complete(self) -> bool:
        return all(self.checklist.values())

    @property
    def standing_conditions(self) -> str:
        """The police's conditions, while this review clears the case with them (else "")."""
        return self.conditions if self.status == self.Status.CLEARED_WITH_CONDITIONS else ""

    @property
    def is_overdue(self) -> bool:
        """Still waiting for the police after its due date."""
        return self.status == self.Status.PENDING and self.due_date < timezone.localdate()


class ReviewQuestion(models.Model):
    """The police's questions when they need more information, and protocol's answer."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(_("questions"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review question")
        verbose_name_plural = _("review questions")
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ReviewWaiver(models.Model):
    """A leader's decision that a case needs no police review (e.g. an online meeting with no
    materials), with the reason."""

    review = models.OneToOneField(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="waiver"
    )
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("waived by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    waived_at = models.DateTimeField(_("waived at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review waiver")
        verbose_name_plural = _("review waivers")

    def __str__(self) -> str:
        return self.reason[:60]


class SecrecyMark(models.Model):
    """A classified document exchanged with a visitor: its metadata only, never the document."""

    class Level(models.TextChoices):
        MAT = "mat", _("Confidential (Mật)")
        TOI_MAT = "toi_mat", _("Secret (Tối mật)")
        TUYET_MAT = "tuyet_mat", _("Top secret (Tuyệt mật)")

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="secrecy_marks"
    )
    title = models.CharField(_("document title"), max_length=255)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    register_number = models.CharField(_("register number"), max_length=64)
    custodian = models.CharField(_("custodian"), max_length=255)
    protection_period = models.CharField(_("protection period"), max_length=128)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("secrecy mark")
        verbose_name_plural = _("secrecy marks")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.title}"

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.accounts.models import Agency
from ttdn.cases.models import Case, Organisation

KIND = "conference"  # the kind's code (ttdn.cases.kinds)


class ApprovalRule(models.Model):
    """Who approves a kind of conference (the admins keep the list): the chairman of the provincial
    People's Committee, or an authority above the province, which lengthens the dossier's lead time."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    above_province = models.BooleanField(
        _("level of the approving authority: above the province"),
        default=False,
        help_text=_(
            "Ticked when the approval belongs to the Prime Minister or a ministry (Decision 06/2020/QĐ-TTg): "
            "the dossier is then due earlier (the timer “conference_dossier_central”). To be "
            "checked by the office."
        ),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    description = models.TextField(
        _("when it applies"),
        blank=True,
        help_text=_("Which conferences this authority approves, in a sentence."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conference approval rule")
        verbose_name_plural = _("conference approval rules")
        ordering = ["above_province", "name"]

    def __str__(self) -> str:
        return self.name


class Conference(models.Model):
    """An international conference or seminar held in the province (hội nghị, hội thảo quốc tế,
    Decision 06/2020/QĐ-TTg): a case, plus this."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        MIXED = "mixed", _("Mixed (in person and online)")

    class Funding(models.TextChoices):
        STATE_BUDGET = "state_budget", _("State budget")
        ORGANISER = "organiser", _("The organiser's own funds")
        FOREIGN = "foreign", _("Foreign funding")
        MIXED = "mixed", _("Several sources, including foreign funding")
        OTHER = "other", _("Other lawful sources")

    # Sources that bring foreign money in (the amount and its giver are then asked for).
    FOREIGN_FUNDING = (Funding.FOREIGN, Funding.MIXED)

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, primary_key=True, related_name="conference"
    )
    organiser = models.CharField(_("organiser"), max_length=255)
    co_organisers = models.ManyToManyField(
        Organisation,
        verbose_name=_("foreign co-organisers"),
        blank=True,
        related_name="co_organised_conferences",
    )
    topic = models.TextField(_("topic"))
    venue = models.CharField(_("venue"), max_length=255)
    mode = models.CharField(_("form of the conference"), max_length=16, choices=Mode.choices)
    foreign_participants = models.PositiveIntegerField(_("expected foreign participants"))
    vietnamese_participants = models.PositiveIntegerField(_("expected Vietnamese participants"))
    funding = models.CharField(_("funding source"), max_length=16, choices=Funding.choices)
    foreign_funding_amount = models.PositiveBigIntegerField(_("foreign funding (VND)"), null=True, blank=True)
    funding_note = models.TextField(_("funding note"), blank=True)
    sensitive_topics = models.BooleanField(
        _("touches topics that need the police's opinion"),
        default=False,
        help_text=_("Politics, religion, ethnicity, human rights, borders, defence or security."),
    )
    sensitive_note = models.TextField(_("about those topics"), blank=True)
    approval_rule = models.ForeignKey(
        ApprovalRule,
        verbose_name=_("approving authority"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    # When the dossier must reach the approving authority, from the rule's timer (set by the
    # services on each save, so that the reminder sweep reads it in one query).
    dossier_due_on = models.DateField(_("dossier due on"), null=True, blank=True, editable=False)
    dossier_submitted_on = models.DateField(_("dossier submitted on"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[co_organisers])

    class Meta:
        verbose_name = _("international conference or seminar")
        verbose_name_plural = _("international conferences and seminars")

    def __str__(self) -> str:
        return self.topic[:60]

    @property
    def foreign_funded(self) -> bool:
        return self.funding in self.FOREIGN_FUNDING


class ConsultedAgency(models.Model):
    """An agency asked for its opinion on the conference (lấy ý kiến), and its answer."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="consulted_agencies"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="conference_consultations"
    )
    asked_on = models.DateField(_("asked on"))
    due_on = models.DateField(_("answer due on"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consulted agency")
        verbose_name_plural = _("consulted agencies")
        ordering = ["asked_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "agency"], name="conferences_one_consultation_per_agency"
            ),
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gte=models.F("asked_on")),
                name="conferences_answer_after_asking",
            ),
        ]

    def __str__(self) -> str:
        return str(self.agency)

    @property
    def answered(self) -> bool:
        return self.answered_on is not None

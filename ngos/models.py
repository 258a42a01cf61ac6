"""Foreign NGOs (tổ chức phi chính phủ nước ngoài) in the province's registry, under Decree
58/2022/NĐ-CP (their registration) and Decree 80/2020/NĐ-CP (non-governmental aid): their
certificates, contacts, the filings the law asks of them, and their aid projects.

An NGO is a foreign organisation (``cases.Organisation`` of kind NGO: the counterpart of its
visits) with the registry's record beside it. Dates the law counts (the activity plan 45 working
days after a certificate, the bank-account notice...) are worked out by ``ngos.deadlines`` from
the admins' timers and kept on the filing they are due for."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.cases.storage import attachment_storage


def ngo_file_path(instance: models.Model, filename: str) -> str:
    # Like the case attachments: a name that says nothing, the original one kept in the row.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"ngos/{uuid.uuid4().hex}{suffix}"


class Ngo(models.Model):
    """The registry's record of a foreign NGO."""

    organisation = models.OneToOneField(
        "cases.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="ngo"
    )
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    headquarters = models.CharField(_("headquarters"), max_length=255, blank=True)
    fields_of_work = models.TextField(_("fields of work"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Name, Vietnamese name, acronym and certificate numbers, folded (ttdn.cases.text.fold) for search.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("foreign NGO")
        verbose_name_plural = _("foreign NGOs")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation.name)


class NgoContact(models.Model):
    """Someone the office deals with at the NGO (in their work capacity: name, position, contact)."""

    ngo = models.ForeignKey(
        Ngo, verbose_name=_("foreign NGO"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=32, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("NGO contact")
        verbose_name_plural = _("NGO contacts")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Certificate(models.Model):
    """A certificate the NGO holds (Decree 58/2022/NĐ-CP), as issued, renewed or amended."""

    class Kind(models.TextChoices):
        OPERATION = "operation", _("Registration of operation")
        PROJECT_OFFICE = "project_office", _("Registration of a project office")
        REPRESENTATIVE_OFFICE = "representative_office", _("Registration of a representative office")

    class Event(models.TextChoices):
        ISSUED = "issued", _("Issued")
        RENEWED = "renewed", _("Renewed")
        AMENDED = "amended", _("Amended")

    ngo = models.ForeignKey(
        Ngo, verbose_name=_("foreign NGO"), on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("kind of certificate"), max_length=32, choices=Kind.choices)
    event = models.CharField(_("issued, renewed or amended"), max_length=16, choices=Event.choices)
    number = models.CharField(_("certificate number"), max_length=64)
    issued_by = models.CharField(_("issued by"), max_length=255, blank=True)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    nationwide = models.BooleanField(_("covers the whole country"), default=False)
    provinces = models.TextField(
        _("provinces covered"), blank=True, help_text=_("The provinces the certificate names, one per line.")
    )
    fields_of_work = models.TextField(_("fields of work"), blank=True)
    file = models.FileField(
        _("scan"), storage=attachment_storage, upload_to=ngo_file_path, max_length=255, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("NGO certificate")
        verbose_name_plural = _("NGO certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("issued_on")),
                name="ngos_certificate_ends_after_issue",
                violation_error_message=_("A certificate cannot end before it is issued."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class AidSector(models.Model):
    """A sector of aid projects (health, education, agriculture...): a list the admins keep."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aid sector")
        verbose_name_plural = _("aid sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AidProject(models.Model):
    """A project of non-governmental aid (Decree 80/2020/NĐ-CP) the NGO funds in the province.
    Amounts in VND, whole đồng; when the aid is given in another currency, its amount and the rate
    used are kept beside them."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        UNDER_WAY = "under_way", _("Under way")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = frozenset({Status.APPROVED, Status.UNDER_WAY})  # aid that is being given
    STOPPED = frozenset({Status.SUSPENDED, Status.CANCELLED})  # aid no longer given: nothing owed

    ngo = models.ForeignKey(Ngo, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(_("title"), max_length=255)
    sector = models.ForeignKey(
        AidSector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="projects"
    )
    communes = models.ManyToManyField(
        "accounts.Agency", verbose_name=_("communes"), blank=True, related_name="aid_projects"
    )
    committed = models.PositiveBigIntegerField(_("committed (VND)"))
    disbursed = models.PositiveBigIntegerField(_("disbursed (VND)"), default=0)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        help_text=_("ISO code of the currency of the aid, when not VND."),
    )
    amount_in_currency = models.DecimalField(
        _("committed in that currency"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    exchange_rate = models.DecimalField(
        _("exchange rate (VND for one unit)"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    decision_number = models.CharField(_("approval decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("approval decision date"), null=True, blank=True)
    decided_by = models.CharField(_("approved by"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    report_every_months = models.PositiveSmallIntegerField(
        _("progress report every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The period of the progress reports the approval decision asks for."),
    )
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("visits serving it"), blank=True, related_name="aid_projects"
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[communes, cases])

    class Meta:
        verbose_name = _("aid project")
        verbose_name_plural = _("aid projects")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="ngos_project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(disbursed__lte=models.F("committed")),
                name="ngos_project_disbursed_within_committed",
                violation_error_message=_("More cannot be disbursed than was committed."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Filing(models.Model):
    """What the NGO owes the province and when (its activity plan, bank-account notice, annual
    report, a project's progress report), and when it arrived."""

    class Kind(models.TextChoices):
        ACTIVITY_PLAN = "activity_plan", _("Activity plan")
        BANK_ACCOUNT = "bank_account", _("Bank account notice")
        ANNUAL_REPORT = "annual_report", _("Annual report")
        PROJECT_PROGRESS = "project_progress", _("Project progress report")

    ngo = models.ForeignKey(
        Ngo, verbose_name=_("foreign NGO"), on_delete=models.CASCADE, related_name="filings"
    )
    kind = models.CharField(_("kind of filing"), max_length=32, choices=Kind.choices)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate it follows"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="filings",
    )
    project = models.ForeignKey(
        AidProject,
        verbose_name=_("aid project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="filings",
    )
    year = models.PositiveSmallIntegerField(_("year reported"), null=True, blank=True)
    period_end = models.DateField(_("end of the period reported"), null=True, blank=True)
    due_on = models.DateField(_("due on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    file = models.FileField(
        _("document"), storage=attachment_storage, upload_to=ngo_file_path, max_length=255, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("NGO filing")
        verbose_name_plural = _("NGO filings")
        ordering = ["due_on", "pk"]
        constraints = [
            # One of each filing per what it follows: the sweep and the services never owe it twice.
            models.UniqueConstraint(
                fields=["certificate", "kind"],
                condition=models.Q(certificate__isnull=False),
                name="ngos_filing_once_per_certificate",
            ),
            models.UniqueConstraint(
                fields=["ngo", "kind", "year"],
                condition=models.Q(kind="annual_report"),
                name="ngos_filing_one_annual_report_a_year",
            ),
            models.UniqueConstraint(
                fields=["project", "period_end"],
                condition=models.Q(project__isnull=False),
                name="ngos_filing_once_per_project_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.ngo}"


class NgoSettings(models.Model):
    """The registry's settings admins edit: one row (made by the migrations)."""

    annual_report_month = models.PositiveSmallIntegerField(
        _("annual report due: month"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    annual_report_day = models.PositiveSmallIntegerField(
        _("annual report due: day"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "Each year's annual report of a foreign NGO is due on this date (Decree 58/2022/NĐ-CP; "
            "the date is to verify against the decree and the province's rules)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("NGO registry settings")
        verbose_name_plural = _("NGO registry settings")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

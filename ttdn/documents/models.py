"""The office's documents: templates (versioned DOCX files), the documents drafted and issued from
them, their numbers, and the registers of documents out (sổ văn bản đi) and in (sổ văn bản đến)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.cases.storage import attachment_storage


def _stored_name(folder: str, filename: str) -> str:
    # The stored name says nothing of the content; the pages name the file from the row.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"documents/{folder}/{uuid.uuid4().hex}{suffix}"


def template_path(instance: TemplateVersion, filename: str) -> str:
    return _stored_name("templates", filename)


def document_path(instance: Document, filename: str) -> str:
    return _stored_name(f"out/{instance.case_id or 0}", filename)


def incoming_path(instance: IncomingDocument, filename: str) -> str:
    return _stored_name(f"in/{instance.case_id or 0}", filename)


class DocumentType(models.TextChoices):
    """The types of Decree 30/2020/NĐ-CP (Appendix III) the office drafts, by their abbreviation."""

    SUBMISSION = "TTr", _("Submission (tờ trình)")
    LETTER = "CV", _("Official letter (công văn)")
    INVITATION = "GM", _("Invitation (giấy mời)")
    DECISION = "QĐ", _("Decision (quyết định)")
    REPORT = "BC", _("Report (báo cáo)")
    PROGRAMME = "CTr", _("Programme (chương trình)")
    PLAN = "KH", _("Plan (kế hoạch)")
    NOTICE = "TB", _("Notice (thông báo)")


class Register(models.Model):
    """A register of documents (sổ): out or in, kept by one issuing body, numbered from 01 each year."""

    class Direction(models.TextChoices):
        OUT = "out", _("Documents out (sổ văn bản đi)")
        IN = "in", _("Documents in (sổ văn bản đến)")

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    parent_body = models.CharField(
        _("governing body"),
        max_length=120,
        blank=True,
        help_text=_("Above the issuing body at the top left, e.g. UBND TỈNH TUYÊN QUANG (Decree 30/2020)."),
    )
    body = models.CharField(
        _("issuing body"), max_length=120, help_text=_("In capitals at the top left, e.g. VĂN PHÒNG.")
    )
    body_symbol = models.CharField(
        _("issuing body's abbreviation"), max_length=20, help_text=_("In the document's symbol, e.g. VP.")
    )
    place = models.CharField(
        _("place"), max_length=60, help_text=_("The place in the date line, e.g. Tuyên Quang.")
    )
    is_default = models.BooleanField(_("default for its direction"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("register of documents")
        verbose_name_plural = _("registers of documents")
        ordering = ["direction", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction"],
                condition=models.Q(is_default=True),
                name="documents_register_one_default_per_direction",
                violation_error_message=_("Another register is already the default for this direction."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class DocumentTemplate(models.Model):
    """What a kind of document looks like and needs; its file is its latest version."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    doc_type = models.CharField(_("type of document"), max_length=4, choices=DocumentType.choices)
    symbol = models.CharField(
        _("symbol"),
        max_length=30,
        help_text=_(
            "After the number: the type's abbreviation and the body's, e.g. TTr-VP; a letter has the "
            "body's alone, e.g. VP-NG (Decree 30/2020, Appendix I)."
        ),
    )
    register = models.ForeignKey(
        Register,
        verbose_name=_("register"),
        on_delete=models.PROTECT,
        related_name="templates",
        limit_choices_to={"direction": Register.Direction.OUT},
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    summary = models.CharField(
        _("summary (trích yếu)"),
        max_length=255,
        help_text=_("The summary line of the register; placeholders as in the file, e.g. {{ title }}."),
    )
    requires = models.JSONField(
        _("requires"),
        default=list,
        blank=True,
        help_text=_("What the case must have before this document can be drafted."),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_version(self) -> TemplateVersion | None:
        return self.versions.order_by("-number").first()


class TemplateVersion(models.Model):
    """One uploaded DOCX of a template; never changed, so that a document says what it came from."""

    template = models.ForeignKey(
        DocumentTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), storage=attachment_storage, upload_to=template_path, max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="documents_template_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class NumberCounter(models.Model):
    """The last number given per register, symbol and year: numbers run without gaps and never repeat."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="+")
    symbol = models.CharField(max_length=30, blank=True)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["register", "symbol", "year"], name="documents_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.register_id} {self.symbol} {self.year}: {self.last}"


class Document(models.Model):
    """A document out: a draft rendered from a template and a case, then issued with its number."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    class Conversion(models.TextChoices):
        PENDING = "pending", _("Being converted to PDF")
        DONE = "done", _("PDF ready")
        FAILED = "failed", _("PDF conversion failed")

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,  # the registers keep every number they gave
        null=True,
        blank=True,
        related_name="documents",
    )
    template = models.ForeignKey(
        DocumentTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    version = models.ForeignKey(
        TemplateVersion,
        verbose_name=_("template version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    register = models.ForeignKey(
        Register, verbose_name=_("register"), on_delete=models.PROTECT, related_name="documents"
    )
    doc_type = models.CharField(_("type of document"), max_length=4, choices=DocumentType.choices)
    symbol = models.CharField(_("symbol"), max_length=30)
    summary = models.CharField(_("summary (trích yếu)"), max_length=255)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=120, blank=True)
    recipients = models.TextField(_("recipients (nơi nhận)"), blank=True, help_text=_("One per line."))
    docx = models.FileField(_("DOCX"), storage=attachment_storage, upload_to=document_path, max_length=255)
    pdf = models.FileField(
        _("PDF"), storage=attachment_storage, upload_to=document_path, max_length=255, blank=True
    )
    conversion = models.CharField(
        _("PDF"), max_length=8, choices=Conversion.choices, default=Conversion.PENDING
    )
    conversion_error = models.CharField(_("conversion error"), max_length=255, blank=True)
    # Raised by each rendering, so that a conversion of an older rendering never lands on a newer one.
    generation = models.PositiveIntegerField(default=1, editable=False)
    signed_scan = models.FileField(
        _("signed scan"), storage=attachment_storage, upload_to=document_path, max_length=255, blank=True
    )
    signed_scan_type = models.CharField(max_length=128, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("drafted at"), auto_now_add=True)
    rendered_at = models.DateTimeField(_("rendered at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text", "generation"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-year", "-number", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "symbol", "year", "number"],
                condition=models.Q(number__isnull=False),
                name="documents_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", number__isnull=True)
                | models.Q(
                    status="issued", number__isnull=False, year__isnull=False, issued_on__isnull=False
                ),
                name="documents_issued_has_number",
            ),
        ]
        indexes = [models.Index(fields=["register", "year", "number"])]

    def __str__(self) -> str:
        return f"{self.number_label} {self.summary}"

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def number_label(self) -> str:
        """``05/TTr-VP`` once issued (numbers under 10 with a leading zero); ``.../TTr-VP`` before."""
        number = f"{self.number:02d}" if self.number is not None else "..."
        return f"{number}/{self.symbol}"

    @property
    def file_stem(self) -> str:
        base = self.number_label.replace("/", "-").replace("...", "du-thao")
        return f"{self.case.reference}-{base}" if self.case else base


class IncomingDocument(models.Model):
    """A document the office received (văn bản đến): a request letter, a reply, an opinion."""

    register = models.ForeignKey(
        Register,
        verbose_name=_("register"),
        on_delete=models.PROTECT,
        related_name="incoming",
        limit_choices_to={"direction": Register.Direction.IN},
    )
    number = models.PositiveIntegerField(_("number received"))
    year = models.PositiveSmallIntegerField(_("year"))
    sender_reference = models.CharField(
        _("number and symbol"), max_length=64, blank=True, help_text=_("As on the letter, e.g. 123/ĐSQ-CT.")
    )
    document_date = models.DateField(_("date of the document"), null=True, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    received_on = models.DateField(_("received on"))
    summary = models.CharField(_("summary (trích yếu)"), max_length=255)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,  # the registers keep every number they gave
        null=True,
        blank=True,
        related_name="incoming_documents",
    )
    scan = models.FileField(
        _("scan"), storage=attachment_storage, upload_to=incoming_path, max_length=255, blank=True
    )
    scan_type = models.CharField(max_length=128, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("document received")
        verbose_name_plural = _("documents received")
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year", "number"], name="documents_incoming_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}/{self.year} {self.summary}"

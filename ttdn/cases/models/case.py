from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ttdn import languages
from ttdn.cases import kinds


class Case(models.Model):
    """What every visit has in common (hồ sơ): one workflow, one access scheme, one timeline."""

    class Direction(models.TextChoices):
        INBOUND = "inbound", _("Inbound")
        OUTBOUND = "outbound", _("Outbound")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class AccessLevel(models.TextChoices):
        NORMAL = "normal", _("Normal")
        RESTRICTED = "restricted", _("Restricted (need to know)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        REPORTED = "reported", _("Reported")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    # The sets of statuses the rules speak of, named once; code and templates use these, never lists.
    FINISHED = frozenset({Status.CLOSED, Status.CANCELLED, Status.REJECTED})  # nothing changes any more
    EDITABLE = frozenset(Status) - FINISHED
    NOT_YET_APPROVED = frozenset({Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW})
    PLANNED = NOT_YET_APPROVED | {Status.APPROVED}  # not started yet, not withdrawn
    UNDER_WAY = PLANNED | {Status.IN_PROGRESS}  # still to happen or happening
    ACTIVE = frozenset({Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED, Status.IN_PROGRESS})
    WITHDRAWN = frozenset({Status.CANCELLED, Status.REJECTED})  # left out of calendars and counts
    # A visit counts in the reports once approved: what was refused or never decided did not happen.
    COUNTED = frozenset(
        {Status.APPROVED, Status.IN_PROGRESS, Status.COMPLETED, Status.REPORTED, Status.CLOSED}
    )
    # The police's clearance stands in these; a change to what it covered reopens the review.
    CLEARED = frozenset({Status.UNDER_REVIEW, Status.APPROVED, Status.IN_PROGRESS})
    ENDED = frozenset({Status.CLOSED, Status.CANCELLED})  # the retention clock runs from here

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind of case"), max_length=16, editable=False, db_index=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    title = models.CharField(_("title"), max_length=255)
    purpose = models.TextField(_("purpose"), blank=True)
    counterpart = models.ForeignKey(
        "cases.Organisation",
        verbose_name=_("counterpart"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    lead_agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("lead agency"), on_delete=models.PROTECT, related_name="led_cases"
    )
    co_host_agencies = models.ManyToManyField(
        "accounts.Agency", verbose_name=_("co-host agencies"), blank=True, related_name="co_hosted_cases"
    )
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_cases",
    )
    access_level = models.CharField(
        _("access level"), max_length=16, choices=AccessLevel.choices, default=AccessLevel.NORMAL
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    request_letter_number = models.CharField(_("request letter number"), max_length=64, blank=True)
    request_letter_date = models.DateField(_("request letter date"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_signer = models.CharField(
        _("decision signed by"), max_length=255, blank=True, help_text=_("The signer's name and position.")
    )
    guest_language = models.CharField(
        _("guests' language"),
        max_length=8,
        choices=languages.guest_language_choices,
        default="en",
        help_text=_(
            "The language of the print-outs handed to the guests (programme, badges, place cards); "
            "places, the programme's lines and titles can be entered in it beside Vietnamese."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Reference, title, counterpart and participants, folded (ttdn.cases.text.fold) for search.
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"], m2m_fields=[co_host_agencies])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="cases_case_end_after_start",
                violation_error_message=_("The visit cannot end before it starts."),
            )
        ]
        # The visits of a window (calendar, feeds): those ending after its first day are few at any
        # size (what lies ahead), those starting before its last are the whole history.
        indexes = [
            models.Index(fields=["status", "start_date"]),
            models.Index(fields=["start_date"]),
            models.Index(fields=["end_date"], name="cases_case_end_date_idx"),
            # The access policy's count reads each case's access level from this index instead of
            # the table (an index-only scan; issue 18: an agency's list at 100,000 cases 46 -> 36 ms).
            models.Index(fields=["access_level", "id"], name="cases_case_access_idx"),
        ]
        # Object permissions (ttdn/cases/permissions.py); view_case is the host agencies' grant.
        permissions = [
            ("review_case", _("Review the case for the police (referral)")),
            ("access_restricted_case", _("See the case while it is restricted (need to know)")),
            ("see_referred_case", _("See the restricted case referred to the police, until withdrawn")),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"pk": self.pk})

    @property
    def kind_label(self) -> str:
        return str(kinds.get(self.kind).label)

    @property
    def kind_summary(self) -> str:
        return kinds.get(self.kind).summary(self)

    @property
    def is_restricted(self) -> bool:
        return self.access_level == self.AccessLevel.RESTRICTED

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def is_approved_or_later(self) -> bool:
        return self.status in self.COUNTED

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class ReferenceCounter(models.Model):
    """The last number given per prefix and year, so that references never repeat."""

    prefix = models.CharField(_("prefix"), max_length=4)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="cases_reference_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"

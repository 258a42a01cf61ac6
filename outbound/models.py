"""Outbound delegations (đoàn ra): the province's officials travelling abroad on a case.

Their members are the province's own officials (``Official``), never foreign persons; the trip
records who decided to send it, how it is paid for, whom it meets, what it carries, and the
passports handed out for it and handed back afterwards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.cases.fields import EncryptedTextField, IdentityHashField
from ttdn.cases.models import Case

KIND = "outbound"


class HeadLevel(models.Model):
    """The level of the delegation's head, and who decides to send such a delegation: the
    province's rules on managing trips abroad say it, and the admins keep it up to date."""

    name = models.CharField(_("level of the head"), max_length=255, unique=True)
    deciding_authority = models.CharField(
        _("authority that decides the trip"),
        max_length=255,
        help_text=_("e.g. the Provincial Party Standing Committee, the Chairman of the People's Committee."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        blank=True,
        help_text=_(
            "The rule that names this authority (the province's regulation on trips abroad, issued "
            "under Decree 136/2007/NĐ-CP as amended): check it against the text in force."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("level of the delegation's head")
        verbose_name_plural = _("levels of the delegation's head")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class OutboundTrip(models.Model):
    """The outbound part of a case: the sending decision (its number, date and signer are the
    case's), the funding, the partners and the mission abroad, what is carried."""

    class Funding(models.TextChoices):
        STATE_BUDGET = "state_budget", _("State budget")
        PARTNER = "partner", _("Paid by the partner")
        MIXED = "mixed", _("State budget and partner")
        OTHER = "other", _("Other")

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, primary_key=True, related_name="outbound_trip"
    )
    head_level = models.ForeignKey(
        HeadLevel, verbose_name=_("level of the head"), on_delete=models.PROTECT, related_name="trips"
    )
    decision_authority = models.CharField(
        _("authority that decided"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the authority the level of the head names."),
    )
    funding = models.CharField(_("funding source"), max_length=16, choices=Funding.choices)
    funding_note = models.CharField(_("funding note"), max_length=255, blank=True)
    partners_met = models.TextField(_("partners met"), blank=True)
    mission_abroad = models.CharField(
        _("Vietnamese mission abroad contacted"),
        max_length=255,
        blank=True,
        help_text=_("The embassy or consulate general of Viet Nam informed of the trip."),
    )
    materials_carried = models.TextField(
        _("materials carried"),
        blank=True,
        help_text=_("Titles only: never the content of a classified document."),
    )
    gifts_carried = models.TextField(_("gifts carried"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outbound delegation")
        verbose_name_plural = _("outbound delegations")

    def __str__(self) -> str:
        # Named by its own fields only: the timeline labels a past version without its case.
        return str(_("Outbound delegation"))

    @property
    def deciding_authority(self) -> str:
        return self.decision_authority or self.head_level.deciding_authority


class Official(models.Model):
    """One of the province's officials (cán bộ, công chức), linked to their user account where
    they have one: the registry the outbound delegations' members come from."""

    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="officials"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="official",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.position})" if self.position else self.full_name


class TripMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of the delegation")
        MEMBER = "member", _("Member")

    trip = models.ForeignKey(
        OutboundTrip, verbose_name=_("outbound delegation"), on_delete=models.CASCADE, related_name="members"
    )
    official = models.ForeignKey(
        Official, verbose_name=_("official"), on_delete=models.PROTECT, related_name="trips"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member of the delegation")
        verbose_name_plural = _("members of the delegation")
        ordering = ["role", "official__full_name"]  # "head" sorts before "member"
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "official"],
                name="outbound_member_once",
                violation_error_message=_("This official is already a member of the delegation."),
            ),
            models.UniqueConstraint(
                fields=["trip"],
                condition=models.Q(role="head"),
                name="outbound_one_head",
                violation_error_message=_("The delegation already has a head."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.official)


class TripPassport(models.Model):
    """The passport a member travels on: its number is identity data, encrypted at rest and
    masked for the roles that may not see it (ttdn.cases.identity), as a foreign person's is."""

    class Kind(models.TextChoices):
        DIPLOMATIC = "diplomatic", _("Diplomatic passport")
        OFFICIAL = "official", _("Official passport")
        ORDINARY = "ordinary", _("Ordinary passport")

    member = models.OneToOneField(
        TripMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="passport"
    )
    kind = models.CharField(_("kind of passport"), max_length=16, choices=Kind.choices)
    number = EncryptedTextField(_("passport number"), max_length=32)
    number_hash = IdentityHashField(
        _("passport number hash"), source="number", max_length=64, blank=True, default="", editable=False
    )
    handed_out_on = models.DateField(_("handed out on"), null=True, blank=True)
    handed_back_on = models.DateField(_("handed back on"), null=True, blank=True)
    keeper = models.CharField(
        _("keeper"), max_length=255, blank=True, help_text=_("Who keeps the agency's passports.")
    )
    history = HistoricalRecords(excluded_fields=["number", "number_hash"])  # no identity data in history

    class Meta:
        verbose_name = _("passport for the trip")
        verbose_name_plural = _("passports for the trip")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(handed_back_on__isnull=True)
                | models.Q(handed_out_on__isnull=False, handed_back_on__gte=models.F("handed_out_on")),
                name="outbound_passport_back_after_out",
                violation_error_message=_("A passport is handed back after it is handed out."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.member}"

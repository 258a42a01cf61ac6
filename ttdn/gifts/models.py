"""The gifts register of a case: gifts the province gives its guests, gifts its officials receive,
and the one settings record holding the declaration threshold (Law on Anti-corruption 2018)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

THRESHOLD_HELP = _(
    "A gift received whose estimated value is above this amount (VND) must be declared and handed in. "
    "Legal basis: Law on Anti-corruption 2018 (Art. 22) and Decree 59/2019/NĐ-CP; the amount is a "
    "default to be checked (verify) against the current decree and the province's rules."
)


class GiftSettings(models.Model):
    """One row: the threshold of the declaration, edited by admins (with its history)."""

    threshold = models.PositiveBigIntegerField(
        _("declaration threshold (VND)"), default=500_000, help_text=THRESHOLD_HELP
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gifts settings")
        verbose_name_plural = _("gifts settings")

    def __str__(self) -> str:
        return str(_("Gifts settings"))

    @classmethod
    def current(cls) -> GiftSettings:
        """The settings row (made by the migrations); read only: when it is missing, the defaults,
        unsaved (a page that reads the threshold never writes)."""
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls()


class FundingSource(models.Model):
    """A funding source gifts given are paid from (nguồn kinh phí: a short list kept by admins);
    not a line of a case's reception budget (``ttdn.budget``)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding source for gifts")
        verbose_name_plural = _("funding sources for gifts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GiftGiven(models.Model):
    """A gift the province gives on a case: to a participant, or to someone named."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="gifts_given"
    )
    participant = models.ForeignKey(
        "cases.Participant",
        verbose_name=_("to (participant)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts_given",
    )
    recipient_text = models.CharField(
        _("to (name)"), max_length=255, blank=True, help_text=_("When the receiver is not a participant.")
    )
    description = models.CharField(_("gift"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantity"), default=1, validators=[MinValueValidator(1)])
    value = models.PositiveBigIntegerField(_("value (VND, in total)"))
    budget_line = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT, null=True, blank=True
    )
    budget_line_text = models.CharField(
        _("funding source (other)"), max_length=255, blank=True, help_text=_("When it is none of the list.")
    )
    approved_by = models.CharField(_("approved by (name, position)"), max_length=255)
    given_on = models.DateField(_("given on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gift given")
        verbose_name_plural = _("gifts given")
        ordering = ["given_on", "pk"]

    def __str__(self) -> str:
        return f"{self.description} → {self.to_label}"

    @property
    def to_label(self) -> str:
        return str(self.participant.person) if self.participant else self.recipient_text

    @property
    def funding_label(self) -> str:
        return self.budget_line.name if self.budget_line else self.budget_line_text

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.participant is None and not self.recipient_text.strip():
            errors["recipient_text"] = str(_("Choose a participant or write who received the gift."))
        if self.participant is not None and self.participant.case_id != self.case_id:
            errors["participant"] = str(_("This person is not a participant of the case."))
        if self.budget_line is None and not self.budget_line_text.strip():
            errors["budget_line_text"] = str(_("Choose a funding source or write one."))
        if errors:
            raise ValidationError(errors)


class GiftReceived(models.Model):
    """A gift an official receives on a case; above the threshold (``above_threshold``, decided
    from its value and the settings when it is saved) it is declared and handed in by
    ``hand_in_due`` (the ``gift_hand_in`` timer, counted in working days from its receipt)."""

    class Decision(models.TextChoices):
        KEPT = "kept", _("Kept by the agency")
        SOLD = "sold", _("Sold, proceeds to the budget")
        RETURNED = "returned", _("Returned to the giver")
        DISPLAYED = "displayed", _("Displayed or used by the agency")
        OTHER = "other", _("Other (see the notes)")

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="gifts_received"
    )
    from_participant = models.ForeignKey(
        "cases.Participant",
        verbose_name=_("from (participant)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts_offered",
    )
    from_organisation = models.ForeignKey(
        "cases.Organisation",
        verbose_name=_("from (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts_offered",
    )
    from_text = models.CharField(_("from (name)"), max_length=255, blank=True)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by (user)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts_received",
    )
    recipient_name = models.CharField(
        _("received by (name, position)"),
        max_length=255,
        blank=True,
        help_text=_("When the official is no user of the system, or to add the position."),
    )
    description = models.CharField(_("gift"), max_length=255)
    estimated_value = models.PositiveBigIntegerField(_("estimated value (VND)"))
    received_on = models.DateField(_("date received"))
    above_threshold = models.BooleanField(
        _("above the declaration threshold"),
        default=False,
        editable=False,
        help_text=_(
            "Decided from the estimated value and the threshold when the gift is recorded or changed."
        ),
    )
    hand_in_due = models.DateField(_("to declare and hand in by"), null=True, blank=True, editable=False)
    declared_on = models.DateField(_("declared on"), null=True, blank=True)
    handed_in_on = models.DateField(_("handed in on"), null=True, blank=True)
    handed_to = models.CharField(_("handed to (unit)"), max_length=255, blank=True)
    decision = models.CharField(_("how it was handled"), max_length=16, choices=Decision.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gift received")
        verbose_name_plural = _("gifts received")
        ordering = ["received_on", "pk"]
        indexes = [models.Index(fields=["handed_in_on", "hand_in_due"], name="gifts_received_due")]

    def __str__(self) -> str:
        return f"{self.description} ← {self.from_label}"

    @property
    def from_label(self) -> str:
        parts = [
            str(self.from_participant.person) if self.from_participant else "",
            self.from_organisation.name if self.from_organisation else "",
            self.from_text,
        ]
        return ", ".join(part for part in parts if part)

    @property
    def recipient_label(self) -> str:
        parts = (
            [self.recipient_user.get_full_name() or self.recipient_user.username]
            if self.recipient_user
            else []
        )
        if self.recipient_name:
            parts.append(self.recipient_name)
        return ", ".join(parts)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.from_participant is None and self.from_organisation is None and not self.from_text.strip():
            errors["from_text"] = str(_("Say who gave the gift: a participant, an organisation or a name."))
        if self.from_participant is not None and self.from_participant.case_id != self.case_id:
            errors["from_participant"] = str(_("This person is not a participant of the case."))
        if self.recipient_user is None and not self.recipient_name.strip():
            errors["recipient_name"] = str(_("Say who received the gift: a user or a name."))
        for name in ("declared_on", "handed_in_on"):
            day = getattr(self, name)
            if day is not None and self.received_on is not None and day < self.received_on:
                errors[name] = str(_("This date comes before the gift was received."))
        if self.handed_in_on is not None and not self.handed_to.strip():
            errors["handed_to"] = str(_("Say which unit the gift was handed to."))
        if errors:
            raise ValidationError(errors)

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.cases.models import Case, Organisation


class Delegation(models.Model):
    """A delegation (đoàn vào / đoàn ra): a case, plus the kind of delegation."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        DIPLOMATIC = "diplomatic", _("Diplomatic mission")
        NGO = "ngo", _("Foreign NGO")
        BUSINESS = "business", _("Business or investor")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        FRIENDSHIP_LOCALITY = "friendship_locality", _("Friendship locality")
        EXPERTS = "experts", _("Experts")

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, primary_key=True, related_name="delegation"
    )
    delegation_kind = models.CharField(_("kind of delegation"), max_length=32, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return str(self.get_delegation_kind_display())


class Agreement(models.Model):
    """An international agreement (thỏa thuận quốc tế) of the province with a foreign partner."""

    title = models.CharField(_("title"), max_length=255)
    partner = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="agreements"
    )
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    signatory = models.CharField(_("signed for the province by"), max_length=255, blank=True)
    cases = models.ManyToManyField(
        Case, verbose_name=_("linked cases"), blank=True, related_name="agreements"
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[cases])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("signed_on")),
                name="delegations_agreement_valid_after_signing",
                violation_error_message=_("An agreement cannot end before it is signed."),
            )
        ]

    def __str__(self) -> str:
        return self.title

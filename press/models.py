from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.cases.fields import EncryptedTextField, IdentityHashField, refresh_identity_hashes
from ttdn.cases.identity import mask_passport
from ttdn.cases.models import Case, Person

KIND = "press"  # the kind's code (ttdn.cases.kinds)


class PressVisit(models.Model):
    """Foreign reporters' work in the province (đoàn phóng viên nước ngoài): a case, plus this."""

    class Residency(models.TextChoices):
        RESIDENT = "resident", _("Resident in Viet Nam")
        NON_RESIDENT = "non_resident", _("Non-resident")

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, primary_key=True, related_name="press_visit"
    )
    residency = models.CharField(_("residency"), max_length=16, choices=Residency.choices)
    topics = models.TextField(_("topics"))
    escort_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escort officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escorted_press_visits",
    )
    request_received_on = models.DateField(_("request received on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("press visit")
        verbose_name_plural = _("press visits")

    def __str__(self) -> str:
        return str(self.get_residency_display())


class PressCard(models.Model):
    """A reporter's foreign press card or Ministry of Foreign Affairs press permit (the latest)."""

    class Kind(models.TextChoices):
        PRESS_CARD = "press_card", _("Foreign press card")
        PERMIT = "permit", _("Press permit of the Ministry of Foreign Affairs")

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="press_card"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Encrypted at rest, with its hash beside it (ttdn.cases.encryption).
    number = EncryptedTextField(_("number"), max_length=64)
    number_hash = IdentityHashField(
        _("number hash"),
        source="number",
        max_length=64,
        blank=True,
        default="",
        editable=False,
        db_index=True,
    )
    valid_until = models.DateField(_("valid until"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("press card or permit")
        verbose_name_plural = _("press cards and permits")

    def __str__(self) -> str:
        # Masked: the text of an object lands in the admin's log and in history labels.
        return f"{self.get_kind_display()} {mask_passport(self.number)}"

    def clean(self) -> None:
        refresh_identity_hashes(self)


class Coverage(models.Model):
    """What the visit produced: an article, a report, a programme."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="coverage")
    title = models.CharField(_("title"), max_length=255)
    outlet = models.CharField(_("outlet"), max_length=255)
    published_on = models.DateField(_("published on"))
    language = models.CharField(_("language"), max_length=64)
    url = models.URLField(_("link"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")
        ordering = ["-published_on", "pk"]

    def __str__(self) -> str:
        return self.title

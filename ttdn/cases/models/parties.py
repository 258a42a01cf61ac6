"""The foreign side of a visit: organisations, persons, and who takes part in which case."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    """The foreign counterpart: a government body, a mission, an NGO, a business, an outlet..."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government body")
        DIPLOMATIC_MISSION = "diplomatic_mission", _("Diplomatic mission")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        NGO = "ngo", _("Foreign NGO")
        BUSINESS = "business", _("Business")
        PRESS = "press", _("Press outlet")
        UNIVERSITY = "university", _("University or institute")
        FRIENDSHIP_LOCALITY = "friendship_locality", _("Friendship locality")
        OTHER = "other", _("Other")

    class NgoRegistration(models.TextChoices):
        OPERATION = "operation", _("Registration of operation")
        PROJECT_OFFICE = "project_office", _("Project office")
        REPRESENTATIVE_OFFICE = "representative_office", _("Representative office")

    name = models.CharField(_("name"), max_length=255)
    name_vi = models.CharField(_("Vietnamese name"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    ngo_registration_number = models.CharField(_("NGO registration number"), max_length=64, blank=True)
    ngo_registration_type = models.CharField(
        _("NGO registration type"), max_length=32, choices=NgoRegistration.choices, blank=True
    )
    ngo_registration_valid_from = models.DateField(_("registration valid from"), null=True, blank=True)
    ngo_registration_valid_until = models.DateField(_("registration valid until"), null=True, blank=True)
    ngo_provinces = models.TextField(_("provinces of operation"), blank=True)
    ngo_fields_of_work = models.TextField(_("fields of work"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("foreign organisation")
        verbose_name_plural = _("foreign organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="cases_organisation_name_country_unique",
                violation_error_message=_("This organisation is already registered for this country."),
            ),
            models.CheckConstraint(
                condition=models.Q(ngo_registration_valid_until__isnull=True)
                | models.Q(ngo_registration_valid_from__isnull=True)
                | models.Q(ngo_registration_valid_until__gte=models.F("ngo_registration_valid_from")),
                name="cases_organisation_registration_dates",
                violation_error_message=_("The registration cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})" if self.country else self.name


class Person(models.Model):
    """A foreign individual, reused across visits: one passport of one country is one person."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        UNSPECIFIED = "unspecified", _("Unspecified")

    full_name = models.CharField(_("full name"), max_length=255)
    nationality = CountryField(_("nationality"))
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.UNSPECIFIED)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=32, blank=True)
    passport_expiry = models.DateField(_("passport valid until"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("foreign person")
        verbose_name_plural = _("foreign persons")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nationality", "passport_number"],
                condition=~models.Q(passport_number=""),
                name="cases_person_passport_unique",
                violation_error_message=_("A person with this passport number and nationality exists."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name


def normalise_passport_number(value: str) -> str:
    return "".join(value.split()).upper()


class Participant(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        MEMBER = "member", _("Member")
        OFFICIAL = "official", _("Vietnamese official")
        INTERPRETER = "interpreter", _("Interpreter")
        REPORTER = "reporter", _("Reporter")
        CAMERA = "camera", _("Camera operator")
        PRODUCER = "producer", _("Producer")

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person"],
                name="cases_participant_once_per_case",
                violation_error_message=_("This person is already a participant of this case."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

"""The foreign side of a visit: organisations, persons, and who takes part in which case."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ttdn.cases.encryption import identity_hashes, normalise_identity_number
from ttdn.cases.fields import EncryptedTextField, IdentityHashField, refresh_identity_hashes


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

    name = models.CharField(_("name"), max_length=255)
    name_vi = models.CharField(_("Vietnamese name"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
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
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})" if self.country else self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def with_passport(self, number: str) -> PersonQuerySet:
        """Persons holding the passport ``number`` (found by its hash: the number is encrypted)."""
        hashes = identity_hashes(number)
        return self.filter(passport_hash__in=hashes) if hashes else self.none()


class Person(models.Model):
    """A foreign individual, reused across visits: one passport of one country is one person.

    The passport number is encrypted at rest and found by its hash (ttdn.cases.encryption).
    """

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        UNSPECIFIED = "unspecified", _("Unspecified")

    full_name = models.CharField(_("full name"), max_length=255)
    name_in_script = models.CharField(
        _("name in own script"),
        max_length=255,
        blank=True,
        help_text=_(
            "The name as the person writes it (e.g. in Chinese, Lao or Korean script), for place cards."
        ),
    )
    nationality = CountryField(_("nationality"))
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.UNSPECIFIED)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    passport_number = EncryptedTextField(_("passport number"), max_length=32, blank=True)
    passport_hash = IdentityHashField(
        _("passport number hash"),
        source="passport_number",
        max_length=64,
        blank=True,
        default="",
        editable=False,
    )
    passport_expiry = models.DateField(_("passport valid until"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    position_translated = models.CharField(
        _("position in own language"),
        max_length=255,
        blank=True,
        help_text=_("The title as the guests' print-outs give it."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    # Set when the retention period of all their cases has passed and their identity data was removed.
    anonymised_at = models.DateTimeField(_("anonymised on"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()
    # The nationality as read from the database (None: a new person, or not read).
    _nationality_loaded: str | None = None

    class Meta:
        verbose_name = _("foreign person")
        verbose_name_plural = _("foreign persons")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nationality", "passport_hash"],
                condition=~models.Q(passport_hash=""),
                name="cases_person_passport_unique",
                violation_error_message=_("A person with this passport number and nationality exists."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        # Their participations keep a copy of the nationality (Participant.nationality): an edit of
        # it (the admin's; the services keep it as registered) reaches them at once.
        if kwargs.get("update_fields") is not None and "nationality" not in kwargs["update_fields"]:
            return  # the nationality was not saved: nothing to copy
        loaded = self._nationality_loaded
        if loaded is not None and str(loaded) != str(self.nationality):
            self.participations.update(nationality=str(self.nationality))
        self._nationality_loaded = str(self.nationality)

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Person:
        person = super().from_db(db, field_names, values)
        person._nationality_loaded = person.__dict__.get("nationality")
        return person

    def clean(self) -> None:
        refresh_identity_hashes(self)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # The hash is never in a form, but follows the number: check it whenever the number is.
        if exclude and "passport_number" not in exclude:
            exclude = set(exclude) - {"passport_hash"}
        super().validate_constraints(exclude=exclude)


def normalise_passport_number(value: str) -> str:
    return normalise_identity_number(value)


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
    rank = models.PositiveSmallIntegerField(
        _("rank"),
        null=True,
        blank=True,
        help_text=_("Order of precedence on the guests' side: 1 is the head; empty comes after the ranked."),
    )
    # A copy of the person's nationality, set on every save (and by Person.save when it changes;
    # bulk creations give it themselves): the report counts foreign visitors of two years by it,
    # without joining every participant to the persons (issue 18). Not a fact of the history.
    nationality = models.CharField(_("nationality"), max_length=2, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["nationality"])

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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None or "nationality" in kwargs["update_fields"]:
            self.nationality = str(self.person.nationality)
        super().save(*args, **kwargs)

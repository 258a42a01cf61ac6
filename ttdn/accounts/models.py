from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy
from simple_history.models import HistoricalRecords

from ttdn.languages import GUEST_LANGUAGES


def guest_languages_but_english() -> list[tuple[str, object]]:
    return [(code, name) for code, name in GUEST_LANGUAGES.items() if code != "en"]


class Agency(models.Model):
    """A Vietnamese body: the Office, the police, a department, a district.

    Agencies are data, never code: they are merged and renamed by decree. Each has its own Django
    group, so that granting a case to an agency is one object permission.
    """

    class Kind(models.TextChoices):
        OFFICE = "office", _("People's Committee Office")
        POLICE = "police", _("Police")
        DEPARTMENT = "department", _("Department")
        DISTRICT = "district", _("District")
        MILITARY = "military", _("Military")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    group = models.OneToOneField(
        Group,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="agency",
        editable=False,
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name_vi"]
        constraints = [
            # The review and the press visits' co-hosts must name the same police (provincial_police).
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind="police", parent__isnull=True, is_active=True),
                name="accounts_agency_one_provincial_police",
                violation_error_message=_(
                    "There is already an active top-level police agency; a police unit must name it as "
                    "its parent agency."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def provincial_police(cls) -> Agency | None:
        """The provincial police (Công an tỉnh): the one active police agency with no parent."""
        return cls.objects.filter(kind=cls.Kind.POLICE, parent__isnull=True, is_active=True).first()

    @property
    def name(self) -> str:
        """The name in the language of the page, Vietnamese when there is no English one."""
        return self.name_of(self.name_vi, self.name_en)

    @staticmethod
    def name_of(name_vi: str, name_en: str | None) -> str:
        """``name`` from the two names alone (read with other rows, without the agency)."""
        return name_en if get_language() == "en" and name_en else name_vi

    def name_in(self, language: str) -> str:
        """The name in a guests' language (ttdn.languages): its own translation where an admin gave
        one, else the English name, else the Vietnamese. Prefetch ``translated_names`` for lists."""
        if language == "vi":
            return self.name_vi
        if language != "en":
            for translated in self.translated_names.all():
                if translated.language == language:
                    return translated.name
        return self.name_en or self.name_vi


class AgencyName(models.Model):
    """An agency's name in a guests' language other than English, for the print-outs."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="translated_names"
    )
    language = models.CharField(_("language"), max_length=8, choices=guest_languages_but_english)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("agency name in a guests' language")
        verbose_name_plural = _("agency names in guests' languages")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "language"],
                name="accounts_agency_name_once_per_language",
                violation_error_message=_("This agency already has a name in this language."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ConfigurationHistory(HistoricalRecords):
    """History that leaves out a save of nothing but the fields it does not keep (a sign-in's
    ``last_login``, a new calendar token): such a row would show no change, only noise."""

    def post_save(self, instance: Any, created: bool, using: str | None = None, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractUser):
    """A person who signs in: staff of one agency, with a role given by group membership."""

    full_name = models.CharField(_("full name"), max_length=255)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    email_digest = models.BooleanField(
        _("daily digest"),
        default=False,
        help_text=_("One e-mail a day with all reminders, instead of one e-mail each."),
    )
    is_agency_lead = models.BooleanField(
        _("lead of the agency"),
        default=False,
        help_text=_("Receives the escalations meant for the agency's leads (e.g. overdue police reviews)."),
    )

    # The secret in the user's personal calendar feed URL; reset to cut off an old subscription.
    calendar_token = models.CharField(
        _("calendar feed token"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # The optional columns this user chose for the case list (ttdn.cases.case_list.COLUMNS, in
    # their order); empty: the default ones. On the user's row: the list reads it with no query.
    case_list_columns = models.JSONField(
        _("columns of the case list"), default=list, blank=True, editable=False
    )

    # Who gave whom which role (groups) and agency, and when. Secrets are not kept: the password
    # hash and the calendar token; nor is the time of the last sign-in.
    history = ConfigurationHistory(
        excluded_fields=["password", "last_login", "calendar_token", "case_list_columns"],
        m2m_fields=["groups", "user_permissions"],
    )

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "username"]
        constraints = [
            # One user per name whatever its letter case: the sign-in finds users by it
            # (ttdn/accounts/usernames.py).
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_unique_ci",
                violation_error_message=_("Another user already has this user name (in other letters)."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
                violation_error_message=_("Another user already has this e-mail address."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username


class AccountEvent(models.Model):
    """What an admin did to a user's sign-in (README, "Sign-in and security"): a second factor
    deleted, a lockout lifted, API tokens revoked. Shown on the user's page in the admin."""

    class Code(models.TextChoices):
        SECOND_FACTOR_DELETED = "second_factor_deleted", _("second factor deleted")
        LOCKOUT_LIFTED = "lockout_lifted", _("lockout lifted")
        API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")

    user = models.ForeignKey(
        User,
        verbose_name=_("user concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account_events",
    )
    # Kept as written: a lockout may name no user, and a user may be deleted later.
    username = models.CharField(_("user name"), max_length=150)
    actor = models.ForeignKey(
        User, verbose_name=_("done by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.CharField(_("operation"), max_length=32, choices=Code.choices)
    text = models.CharField(_("detail"), max_length=255, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.code}"


class ApiToken(TokenProxy):
    """A user's API token as the admin shows it: by its user, never by its key (which is the
    token itself). Revoking is deleting it."""

    class Meta:
        proxy = True
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return str(_("API token of %(user)s")) % {"user": self.user.get_username()}


class SavedCaseFilter(models.Model):
    """A filter of the case list a user saved under a name: its query string (``q=...&sort=...``),
    re-applied through the list's filter when followed. Never SQL, never run as anything else;
    cleaned (known fields only, capped) by ``ttdn.cases.services.case_list.saved_filter_create``."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="saved_case_filters"
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("query"), max_length=1000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved case filter")
        verbose_name_plural = _("saved case filters")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                name="accounts_savedcasefilter_name_unique",
                violation_error_message=_("You already have a saved filter with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

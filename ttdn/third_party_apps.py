"""The names the admin shows for the apps and models of the libraries we use, in the reader's
language: the apps' configurations name them, and the markers below put the libraries' own
translatable names (and the Django admin's strings its Vietnamese catalogue lacks) in ours."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in lockout")


class OTPTOTPConfig(TOTPConfig):
    verbose_name = _("Two-step sign-in: authenticator apps")


class OTPStaticConfig(StaticConfig):
    verbose_name = _("Two-step sign-in: backup codes")


# Translated by our catalogue, which comes before the libraries' own.
LIBRARY_STRINGS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    # The admin's index and app pages (headers read by screen readers).
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # Every admin page's skip link, and the change lists' filter side.
    gettext_noop("Skip to main content"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    # django-simple-history's history pages.
    gettext_noop("Object"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("This object doesn't have a change history."),
    ngettext_lazy("entry", "entries", 1),
)

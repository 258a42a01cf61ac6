from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ttdn.mail import queue_email


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose mail goes out from the worker, in the user's own language."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        language = getattr(context.get("user"), "preferred_language", None) or translation.get_language()
        with translation.override(language):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        queue_email(to=[to_email], subject=subject, body=body)


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Wrong user name or password. The password is case-sensitive; the user name is not."
        ),
    }


class SettingsForm(forms.Form):
    preferred_language = forms.ChoiceField(
        label=_("language of the pages and e-mails"), choices=settings.LANGUAGES
    )
    email_digest = forms.BooleanField(
        label=_("one e-mail a day with all my reminders (daily digest), instead of one e-mail each"),
        required=False,
    )


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("verification code"),
        max_length=16,
        help_text=_("The six digits your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class AuthenticatorConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("code from the app"),
        max_length=6,
        help_text=_("After adding the account, type the six digits the app shows."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from ttdn.accounts.forms import SettingsForm
from ttdn.accounts.models import User
from ttdn.accounts.services import user_set_language, user_set_notification_preferences


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language``, which also remembers the choice for a signed-in user's mail."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        assert isinstance(request.user, User)  # noqa: S101 - AUTH_USER_MODEL
        user_set_language(user=request.user, language=language)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def user_settings(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own settings."""
    assert isinstance(request.user, User)  # noqa: S101 - AUTH_USER_MODEL
    user = request.user
    form = SettingsForm(
        request.POST or None,
        initial={"preferred_language": user.preferred_language, "email_digest": user.email_digest},
    )
    if request.method == "POST" and form.is_valid():
        user_set_notification_preferences(
            user=user,
            language=form.cleaned_data["preferred_language"],
            email_digest=form.cleaned_data["email_digest"],
        )
        translation.activate(user.preferred_language)
        messages.success(request, _("Your settings were saved."))
        response = redirect("user_settings")
        response.set_cookie(  # the cookie decides the pages' language (as the switch in the header does)
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
        )
        return response
    return render(request, "registration/settings.html", {"form": form})

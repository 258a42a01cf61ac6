from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language
from django_ratelimit.core import is_ratelimited

from ttdn.accounts import two_factor
from ttdn.accounts.forms import LoginForm, SettingsForm
from ttdn.accounts.models import User
from ttdn.accounts.services import user_set_language, user_set_notification_preferences


class LoginView(auth_views.LoginView):
    """Sign in with a password; django-axes locks a user name out at one address after repeated
    failures, and each address may try ``TTDN_LOGIN_RATE`` times. The second factor follows
    (ttdn/accounts/two_factor_views.py)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_ratelimited(
            request, group="login", key="ip", rate=settings.TTDN_LOGIN_RATE, method="POST", increment=True
        ):
            form = self.get_form()
            form.add_error(
                None, _("Too many sign-in attempts from this address. Wait a minute and try again.")
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)


def locked_out(request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any) -> HttpResponse:
    """django-axes's answer to a locked-out user name and address (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path_info.startswith("/api/"):
        message = _("Too many wrong passwords for this user name from this address; try again later.")
        return JsonResponse({"detail": message}, status=429)
    context = {"cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin signs in on the site's own page, with its lockout and second factor. A user who
    is signed in but not staff is refused here (sending them back to sign in would loop)."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect(f"{reverse('login')}?{request.GET.urlencode()}")


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
    context = {
        "form": form,
        "two_factor_on": two_factor.two_factor_enrolled(user),
        "two_factor_required": two_factor.two_factor_required_by_role(user),
        "backup_codes_left": two_factor.backup_codes_left(user),
    }
    return render(request, "registration/settings.html", context)

"""The second sign-in step, setting up an authenticator app, and backup codes."""

from __future__ import annotations

import base64
import logging
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from ttdn.accounts import two_factor
from ttdn.accounts.forms import AuthenticatorConfirmForm, SecondFactorForm
from ttdn.accounts.models import User

logger = logging.getLogger(__name__)

_NEW_BACKUP_CODES = "ttdn_new_backup_codes"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - AUTH_USER_MODEL
    return request.user


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("home")


def _may_change_devices(request: HttpRequest, user: User) -> bool:
    """A first authenticator may be set up right after the password; a new one only by a
    session that has shown the current second factor (or a password alone would be enough to
    put an attacker's phone in place of the owner's)."""
    return two_factor.session_verified(user) or not two_factor.two_factor_enrolled(user)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not two_factor.two_factor_pending(user, request):
        return redirect(_next_url(request))
    if not two_factor.two_factor_enrolled(user):
        return redirect(f"{reverse('two_factor_setup')}?{request.GET.urlencode()}")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.second_factor_match(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(_next_url(request))
        logger.warning("second factor refused for %s", user.username)
        form.add_error(
            "code",
            _(
                "This code is not right, or was already used. Check the clock of your phone, wait "
                "for the next code and try again (each wrong code makes the next try wait longer)."
            ),
        )
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not _may_change_devices(request, user):
        return redirect(f"{reverse('two_factor_verify')}?{request.GET.urlencode()}")
    device = two_factor.authenticator_pending(user)
    form = AuthenticatorConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.authenticator_confirm(user, device, form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            request.session.cycle_key()
            request.session[two_factor.ENROLLED_SESSION_KEY] = True
            request.session[_NEW_BACKUP_CODES] = codes
            messages.success(
                request, _("Two-step sign-in is on: the app's code is now asked at each sign-in.")
            )
            return redirect(f"{reverse('two_factor_backup_codes')}?{urlencode({'next': _next_url(request)})}")
        form.add_error(
            "code", _("This code is not right. Check the clock of your phone and try the next code.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
    }
    return render(request, "registration/two_factor_setup.html", context)


@never_cache
@login_required
@require_GET
def two_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the authenticator being set up, as an image of this site (no data: URL)."""
    user = _user(request)
    if not _may_change_devices(request, user):
        return HttpResponse(status=404)
    device = two_factor.authenticator_pending(user)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return HttpResponse(image.to_string(), content_type="image/svg+xml")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """Shows new backup codes once: right after setting up, or after asking for new ones."""
    user = _user(request)
    if not two_factor.session_verified(user):
        return redirect("two_factor_verify")
    codes = request.session.pop(_NEW_BACKUP_CODES, None)
    if request.method == "POST":
        codes = two_factor.backup_codes_issue(user)
        messages.success(request, _("New backup codes were made; the earlier ones no longer work."))
    context = {"codes": codes, "left": two_factor.backup_codes_left(user), "next": _next_url(request)}
    return render(request, "registration/two_factor_backup_codes.html", context)


@login_required
@require_POST
def two_factor_turn_off(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if two_factor.two_factor_required_by_role(user):
        messages.error(request, _("Your role requires two-step sign-in; it cannot be turned off."))
        return redirect("user_settings")
    two_factor.two_factor_disable(user)
    request.session[two_factor.ENROLLED_SESSION_KEY] = False
    messages.success(request, _("Two-step sign-in is off."))
    return redirect("user_settings")

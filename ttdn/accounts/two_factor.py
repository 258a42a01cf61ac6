"""Two factors: a password, then a code from an authenticator app (TOTP) or a backup code.

Required for the roles that see most (admins, police, leaders) and for staff, on every page, the
admin and the API's token; anyone else may turn it on in their settings, and is then asked too.
Built on django-otp: its ``OTPMiddleware`` marks a session verified (``user.is_verified()``);
``TwoFactorMiddleware`` (ttdn/accounts/middleware.py) lets an unverified session reach only the
pages that verify or enrol.
"""

from __future__ import annotations

import re

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role

TWO_FACTOR_ROLES = (Role.ADMIN, Role.POLICE, Role.LEADER)
BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
# Set at sign-in for users who turned two factors on themselves, so that the check on every
# request costs no query.
ENROLLED_SESSION_KEY = "ttdn_two_factor_enrolled"
_TOTP_CODE = re.compile(r"^\d{6}$")


def two_factor_required_by_role(user: User) -> bool:
    return user.is_staff or user.is_superuser or has_role(user, *TWO_FACTOR_ROLES)


def two_factor_required(user: User, request: HttpRequest) -> bool:
    """Must this signed-in session show a second factor before it goes on?"""
    return two_factor_required_by_role(user) or bool(request.session.get(ENROLLED_SESSION_KEY))


def session_verified(user: User) -> bool:
    """Has this session shown a second factor? (django-otp's OTPMiddleware tells.)"""
    verified = getattr(user, "is_verified", None)
    return bool(verified is not None and verified())


def two_factor_pending(user: User, request: HttpRequest) -> bool:
    """Signed in with the password, but the second factor is still to come."""
    return not session_verified(user) and two_factor_required(user, request)


def two_factor_enrolled(user: User) -> bool:
    """Has the user an authenticator app? (Backup codes come with one and do not count alone, so
    that an admin who deletes a lost phone lets its owner set up a new one.)"""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@receiver(user_logged_in)
def _remember_enrolment(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session") and not two_factor_required_by_role(user):
        request.session[ENROLLED_SESSION_KEY] = two_factor_enrolled(user)


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def second_factor_match(user: User, code: str) -> Device | None:
    """The device that accepts ``code`` (six digits: the app; otherwise a backup code, used up),
    or None. django-otp throttles each device after failures, so guessing gets slower and slower."""
    code = normalise_code(code)
    if not code:
        return None
    kind: type[Device] = TOTPDevice if _TOTP_CODE.match(code) else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, kind) and device.verify_token(code):
                return device
    return None


def authenticator_pending(user: User) -> TOTPDevice:
    """The authenticator being set up: a new secret, shown until a first code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def authenticator_confirm(user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm ``device`` with its first code: it replaces any earlier authenticator, and a fresh
    set of backup codes is issued (returned, to be shown once). None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user, confirmed=False).first()
    if device is None or not device.verify_token(normalise_code(code)):
        return None  # wrong, or confirmed meanwhile (from another tab)
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_issue(user)


@transaction.atomic
def backup_codes_issue(user: User) -> list[str]:
    """Ten new single-use backup codes; the earlier ones stop working. The device stays, so a
    session that signed in with a backup code stays signed in."""
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def two_factor_disable(user: User) -> None:
    """Only for users whose role does not require two factors (the view checks)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def token_issued_with_second_factor(token: Token) -> bool:
    """May this API token still be used? For a user who needs two factors (by role, or because
    they have an authenticator) only a token issued after their authenticator was set up: one
    given for a password alone, before the role came or the phone changed, no longer is."""
    user = token.user
    if not (two_factor_required_by_role(user) or two_factor_enrolled(user)):
        return True
    return TOTPDevice.objects.filter(user=user, confirmed=True, created_at__lte=token.created).exists()


@transaction.atomic
def api_token_issue(user: User) -> Token:
    """The API token of ``user`` (who has just signed in): theirs, or a new one in place of a token
    that no longer counts (given for a password alone)."""
    token, _created = Token.objects.get_or_create(user=user)
    if not token_issued_with_second_factor(token):
        token.delete()
        token = Token.objects.create(user=user)
    return token

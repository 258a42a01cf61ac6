"""The admin's security operations (README, "Sign-in and security"), each recorded as an account
event of the user it concerns: delete a lost second factor, lift a lockout, revoke API tokens."""

from __future__ import annotations

from collections.abc import Iterable

from axes.models import AccessAttempt
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from rest_framework.authtoken.models import Token

from ttdn.accounts.models import AccountEvent, User
from ttdn.accounts.usernames import user_by_username


def _record(*, actor: User, events: list[tuple[User | None, str, str, str]]) -> None:
    AccountEvent.objects.bulk_create(
        AccountEvent(user=user, username=username, actor=actor, code=code, text=text[:255])
        for user, username, code, text in events
    )


def _kind(device: Device) -> str:
    return _("backup codes") if isinstance(device, StaticDevice) else _("authenticator app")


def second_factors_delete(*, actor: User, devices: Iterable[Device]) -> int:
    """Delete second factors (an authenticator, a set of backup codes): the user sets up a new
    one at the next sign-in. Their secrets go with them, unseen."""
    devices = list(devices)
    with transaction.atomic():
        for device in devices:
            device.delete()
        _record(
            actor=actor,
            events=[
                (
                    device.user,
                    device.user.get_username(),
                    AccountEvent.Code.SECOND_FACTOR_DELETED,
                    _("%(kind)s “%(name)s” deleted") % {"kind": _kind(device), "name": device.name},
                )
                for device in devices
            ],
        )
    return len(devices)


def lockouts_lift(*, actor: User, attempts: Iterable[AccessAttempt]) -> int:
    """Delete the failed sign-ins counted against a user name at an address: the name may try
    again from there at once."""
    attempts = list(attempts)
    with transaction.atomic():
        AccessAttempt.objects.filter(pk__in=[attempt.pk for attempt in attempts]).delete()
        _record(
            actor=actor,
            events=[
                (
                    user_by_username(attempt.username or ""),
                    attempt.username or "",
                    AccountEvent.Code.LOCKOUT_LIFTED,
                    _("%(failures)s failed sign-ins from %(address)s cleared")
                    % {"failures": attempt.failures_since_start, "address": attempt.ip_address},
                )
                for attempt in attempts
            ],
        )
    return len(attempts)


def api_tokens_revoke(*, actor: User, users: Iterable[User]) -> int:
    """End the API tokens of ``users``: requests with them are refused; a new one needs the
    password (and the second factor) again."""
    users = list(users)
    with transaction.atomic():
        tokens = list(Token.objects.filter(user__in=users).select_related("user"))
        Token.objects.filter(pk__in=[token.pk for token in tokens]).delete()
        _record(
            actor=actor,
            events=[
                (
                    token.user,
                    token.user.get_username(),
                    AccountEvent.Code.API_TOKEN_REVOKED,
                    _("API token created %(created)s revoked")
                    % {"created": f"{timezone.localtime(token.created):%d/%m/%Y %H:%M}"},
                )
                for token in tokens
            ],
        )
    return len(tokens)

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ttdn.accounts.demo import demo_authenticator_key


class Command(BaseCommand):
    help = "Print the current two-step sign-in code of a demo user (only demo users, only with DEBUG on)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--key", action="store_true", help="Print the key for an authenticator app instead."
        )

    def handle(self, *args: Any, username: str, key: bool = False, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("DEBUG is off: codes are printed only for the demo.")
        demo_key = demo_authenticator_key(username)
        device = TOTPDevice.objects.filter(user__username=username, key=demo_key, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} is not a demo user with the demo authenticator.")
        if key:
            self.stdout.write(base64.b32encode(device.bin_key).decode())
            return
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")

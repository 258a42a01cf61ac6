from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from ttdn.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from ttdn.accounts.two_factor import TWO_FACTOR_ROLES


class Command(BaseCommand):
    help = "Create demo agencies, one user per role and sample cases. A second run changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Seed even with DEBUG off (never on a live site)."
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a live site, where demo users with a published "
                "password must not exist. Pass --force if you really mean it."
            )
        created: list[str] = []
        for path in settings.TTDN_DEMO_SEEDERS:
            created.extend(import_string(path)())
        for line in created:
            self.stdout.write(f"  + {line}")
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {len(created)} demo records."))
        else:
            self.stdout.write("The demo data is already there; nothing changed.")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, full_name, _agency, _position, role in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {role.label!s:<34} {full_name}")
        self.stdout.write(
            "\nTwo-step sign-in for "
            + ", ".join(username for username, *_rest, role in DEMO_USERS if role in TWO_FACTOR_ROLES)
            + ": after the password, give the code that `manage.py demo_code <username>` prints"
            "\n(from this folder: .venv/bin/python manage.py demo_code police), or add the user's key"
            "\nto an authenticator app (`demo_code <username> --key`)."
        )

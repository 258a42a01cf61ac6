"""``python manage.py dispatch_reminders``: one reminder sweep now, printing what it created."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ttdn.notifications.messages import render
from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep


class Command(BaseCommand):
    help = "Run one reminder sweep now, synchronously, and print the notifications it created."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Sweep as if today were this date (YYYY-MM-DD), e.g. to check rules."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}; write it as YYYY-MM-DD.") from error
        result = reminders_sweep(today=today)
        created = {(n.kind, n.key, n.recipient_id) for n in result.created}
        rows = (
            Notification.objects.filter(
                kind__in={n.kind for n in result.created}, key__in={n.key for n in result.created}
            )
            .select_related("recipient", "case")
            .order_by("kind", "key", "pk")
        )
        for notification in rows:
            if (notification.kind, notification.key, notification.recipient_id) not in created:
                continue
            with translation.override(notification.recipient.preferred_language):
                message = render(notification)
            self.stdout.write(f"{notification.recipient.username}\t{notification.kind}\t{message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} notification(s) created by {result.rules_run} rule(s)."
            )
        )

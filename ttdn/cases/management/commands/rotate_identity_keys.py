"""``python manage.py rotate_identity_keys [--rehash] [--check]``: see README, "Personal data"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ttdn.cases.encryption import UndecryptableError
from ttdn.cases.services.identity_keys import RotationCount, identity_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every identity number (passports, press cards, and their history) with the first key "
        "of TTDN_FIELD_KEYS; with --rehash also recompute their hashes with TTDN_HASH_KEY. Safe to "
        "interrupt and run again: each batch commits on its own and what is done is skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rehash",
            action="store_true",
            help="Also recompute the hashes with TTDN_HASH_KEY (set TTDN_HASH_KEY_PREVIOUS to the old "
            "key meanwhile, so that people are still found).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; count what is left (exit 1 if anything is)."
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500).")

    verbosity = 1

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        check = options["check"]
        if options["rehash"] and not check and not settings.TTDN_HASH_KEY_PREVIOUS:
            self.stderr.write(
                "TTDN_HASH_KEY_PREVIOUS is not set: until this finishes, the site will not find people "
                "whose hash is still under the old key."
            )
        self.verbosity = options["verbosity"]
        try:
            counts = identity_keys_rotate(
                rehash=options["rehash"] or check,
                batch_size=options["batch_size"],
                write=not check,
                progress=None if check else self._progress,
            )
        except UndecryptableError as error:
            raise CommandError(
                f"{error} Batches done so far are saved; run again once the key is back."
            ) from error
        for count in counts:
            self.stdout.write(
                f"{count.column}: {count.rows} rows, {count.reencrypted} "
                f"{'to re-encrypt' if check else 're-encrypted'}, {count.rehashed} "
                f"{'to rehash' if check else 'rehashed'}"
                + (
                    f", {count.stale_hashes} hashes under another key (use --rehash)"
                    if count.stale_hashes
                    else ""
                )
            )
        left = sum(count.reencrypted + count.rehashed for count in counts)
        if check and left:
            raise CommandError(f"{left} value(s) are not under the current keys yet.")
        if check:
            self.stdout.write(
                self.style.SUCCESS("Every value is under the current keys: old keys may be removed.")
            )

    def _progress(self, count: RotationCount) -> None:
        if self.verbosity > 1:
            self.stdout.write(f"  {count.column}: {count.rows} rows so far")

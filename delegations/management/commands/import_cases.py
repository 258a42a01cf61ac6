"""``python manage.py import_cases FILE``: the import page's check and import, from the shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from delegations.imports import check_rows, import_delegations, read_table
from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError


class Command(BaseCommand):
    help = "Check an .xlsx or .csv file of delegations, then import every row, or none if any is wrong."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--as", dest="as_user", required=True, help="The protocol user who imports (user name)."
        )
        parser.add_argument("--check", action="store_true", help="Only check the file; import nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        actor = User.objects.filter(username=options["as_user"], is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {options['as_user']!r}.")
        try:
            header, rows = read_table(path.read_bytes(), path.name)
        except CaseError as error:
            raise CommandError(error.message) from error
        check = check_rows(header, rows)
        for problem in check.problems:
            self.stderr.write(problem)
        for row in check.bad_rows:
            for problem in row.problems:
                self.stderr.write(f"row {row.number}: {problem}")
        if not check.ok:
            raise CommandError(f"Nothing was imported: {len(check.bad_rows)} row(s) with problems.")
        if options["check"]:
            self.stdout.write(f"{len(check.rows)} row(s) are correct.")
            return
        try:
            created = import_delegations(actor=actor, check=check)
        except CaseError as error:
            raise CommandError(f"Nothing was imported: {error.message}") from error
        self.stdout.write(self.style.SUCCESS(f"{len(created)} delegation(s) imported."))

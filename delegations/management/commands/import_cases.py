"""``python manage.py import_cases FILE``: the import page's check and import, from the shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from delegations.imports import check_rows, import_delegations, read_table
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError


class Command(BaseCommand):
    help = "Check an .xlsx or .csv file of delegations, then import every row, or none if any is wrong."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--as", dest="as_user", help="The protocol user who imports (user name); default: the first one."
        )
        parser.add_argument("--check", action="store_true", help="Only check the file; import nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        actor = self._actor(options["as_user"])
        try:
            header, rows = read_table(path.read_bytes(), path.name)
        except CaseError as error:
            raise CommandError(error.message) from error
        check = check_rows(header, rows)
        for problem in check.problems:
            self.stderr.write(problem)
        for row in check.bad_rows:
            for problem in row.problems:
                self.stderr.write(problem)  # it names its row and column
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

    def _actor(self, username: str | None) -> User:
        users = User.objects.filter(is_active=True)
        if username:
            actor = users.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No active user {username!r}.")
            return actor
        actor = users.filter(groups__name=Role.PROTOCOL).order_by("pk").first()
        if actor is None:
            raise CommandError("Give --as USER: there is no active protocol user to import as.")
        return actor

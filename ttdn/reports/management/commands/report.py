"""``python manage.py report``: the periodic report, as the chosen user may see it."""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ttdn.accounts.models import User
from ttdn.reports import exports
from ttdn.reports.case_table import case_rows
from ttdn.reports.periods import Basis, Period
from ttdn.reports.statistics import counted_cases, report_figures


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date: write it as YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Print or write the report of a quarter, a half-year, a year or two dates (JSON, CSV, XLSX or PDF)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--half", type=int, choices=[1, 2], help="A half-year instead of a quarter.")
        parser.add_argument(
            "--basis",
            choices=Basis.values,
            default=Basis.CALENDAR,
            help="calendar (default) or decree09: Decree 09/2019/NĐ-CP's periods (Q1 2026 is "
            "15/12/2025 to 14/03/2026).",
        )
        parser.add_argument("--start", type=_date, help="YYYY-MM-DD (with --end, instead of --year)")
        parser.add_argument("--end", type=_date)
        parser.add_argument("--format", choices=["json", "csv", "xlsx", "pdf"], default="json")
        parser.add_argument("--cases", action="store_true", help="The case list instead of the figures.")
        parser.add_argument("--output", help="File to write (standard output when omitted).")
        parser.add_argument(
            "--as", dest="as_user", help="Report as this user (user name); default: the first superuser."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period = self._period(options)
        user = self._user(options["as_user"])
        fmt = options["format"]
        with translation.override(user.preferred_language):
            if options["cases"]:
                # JSON for programs: the codes; the files for people: the labels.
                rows = case_rows(user, counted_cases(user, period), readable=fmt != "json")
                content = {
                    "json": lambda: json.dumps(
                        [{k: exports_text(v) for k, v in r.items()} for r in rows],
                        ensure_ascii=False,
                        indent=2,
                    ).encode(),
                    "csv": lambda: exports.cases_csv(rows),
                    "xlsx": lambda: exports.cases_xlsx(rows),
                    "pdf": lambda: exports.cases_pdf(rows, period),
                }[fmt]()
            else:
                figures = report_figures(user, period)
                content = {
                    "json": lambda: json.dumps(figures, ensure_ascii=False, indent=2).encode(),
                    "csv": lambda: exports.figures_csv(figures, period),
                    "xlsx": lambda: exports.figures_xlsx(figures, period),
                    "pdf": lambda: exports.pdf(
                        "reports/report_pdf.html",
                        {"figures": figures, "period": period, "summary": exports.summary_rows(figures),
                         "tables": exports.breakdowns(figures), "definitions": exports.definitions()},
                    ),
                }[fmt]()  # fmt: skip
        if options["output"]:
            with open(options["output"], "wb") as output:
                output.write(content)
            self.stderr.write(f"Wrote {options['output']} ({len(content)} bytes).")
        elif fmt in ("json", "csv"):
            self.stdout.write(content.decode("utf-8-sig"))
        else:
            if sys.stdout.isatty():
                raise CommandError(f"--format {fmt} is binary: give --output FILE.")
            sys.stdout.buffer.write(content)

    def _period(self, options: dict[str, Any]) -> Period:
        start, end, year, quarter = options["start"], options["end"], options["year"], options["quarter"]
        half = options.get("half")
        if start or end:
            if not (start and end):
                raise CommandError("Give both --start and --end.")
            if year or quarter or half:
                raise CommandError("Give --year (and --quarter) or --start and --end, not both.")
            if end < start:
                raise CommandError("--end is before --start.")
        elif not year:
            raise CommandError("Give --year (and --quarter), or --start and --end.")
        try:
            return Period.chosen(
                year=year, quarter=quarter, half=half, start=start, end=end, basis=options.get("basis")
            )
        except ValueError as error:
            raise CommandError(str(error)) from error

    def _user(self, username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"No active user {username!r}.")
            return user
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError("Give --as USER: there is no active superuser to report as.")
        return user


def exports_text(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime.date) else value

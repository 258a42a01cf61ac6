"""Bringing old delegation logs in from a spreadsheet: the columns of the case export (so an
export imports back), every row checked first, then all rows or none. People are matched by
passport and nationality, organisations by name and country, as on the pages."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delegations.policy import may_import_cases
from delegations.services import delegations_create
from ttdn.accounts.models import Agency, User
from ttdn.bulk import chunked
from ttdn.cases.errors import CaseError, RowError
from ttdn.cases.events import log_events
from ttdn.cases.models import Case, Organisation, Participant
from ttdn.cases.policy import enforce
from ttdn.cases.services.cases import CaseData, ParticipantData
from ttdn.cases.services.people import PersonData
from ttdn.cases.services.references import references_reserve
from ttdn.cases.services.workflow import PAST_VISIT_STATUSES, cases_move
from ttdn.reports.case_columns import Reader, case_columns
from ttdn.reports.case_table import DATE_FORMAT, FIELD_SEPARATOR, PARTICIPANT_SEPARATOR

MAX_ROWS = 10_000
REFERENCE = re.compile(r"^(DV|DR)-(\d{4})-(\d{4,6})$")
REQUIRED = ("kind", "direction", "delegation_kind", "title", "start_date", "end_date", "lead_agency")


@dataclass
class ImportRow:
    number: int  # the row in the spreadsheet (the header is row 1)
    values: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    data: CaseData | None = None
    delegation_kind: str = ""
    reference: str = ""
    status: str = Case.Status.DRAFT


@dataclass
class ImportCheck:
    rows: list[ImportRow]
    problems: list[str] = field(default_factory=list)  # of the file as a whole

    @property
    def ok(self) -> bool:
        return not self.problems and not any(row.problems for row in self.rows)

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.problems]


def read_table(content: bytes, filename: str) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The header and the numbered rows of an .xlsx or .csv file (blank rows skipped)."""
    try:
        if filename.lower().endswith(".csv"):
            table = [list(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))]
        elif filename.lower().endswith(".xlsx"):
            from openpyxl import load_workbook  # type: ignore[import-untyped]

            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            table = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        else:
            raise CaseError(_("Upload an Excel workbook (.xlsx) or a CSV file."))
    except UnicodeDecodeError as error:
        raise CaseError(_("Save the CSV file as UTF-8 and upload it again.")) from error
    except CaseError:
        raise
    except Exception as error:  # openpyxl and csv raise many kinds for a broken file
        raise CaseError(_("This file cannot be read as a workbook or a CSV file.")) from error
    if not table:
        raise CaseError(_("The file is empty."))
    header = [str(cell or "").strip() for cell in table[0]]
    rows = [
        (number, row)
        for number, row in enumerate(table[1:], start=2)
        if any(cell not in (None, "") for cell in row)
    ]
    return header, rows


def _text(value: Any) -> str:
    text = "" if value is None else str(value).strip()
    # The export's guard against spreadsheet formulas ("'=…"): take it off again.
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


DATE_FORMATS = (DATE_FORMAT, "%Y-%m-%d")
# A coded column of at most this many values names them all in its error; a longer one (countries,
# agencies) points to the template's sheet of allowed values.
LISTED_IN_ERRORS = 12


class _Row:
    """One row being checked: its values by column, and its problems, each naming the row and the
    column as the file's header shows it."""

    def __init__(self, row: ImportRow, shown: dict[str, str], reader: Reader) -> None:
        self.row, self.shown, self.reader = row, shown, reader

    def text(self, key: str) -> str:
        return _text(self.row.values.get(key))

    def problem(self, key: str, message: str) -> None:
        self.row.problems.append(
            _("Row %(row)s, column «%(column)s»: %(problem)s")
            % {"row": self.row.number, "column": self.shown[key], "problem": message}
        )

    def not_allowed(self, key: str, value: str) -> None:
        allowed = self.reader.labels[key]
        if len(allowed) <= LISTED_IN_ERRORS:
            self.problem(
                key,
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)},
            )
        else:
            self.problem(
                key,
                _("“%(value)s” is none of the values of the template's sheet “%(sheet)s”.")
                % {"value": value, "sheet": _("Allowed values")},
            )

    def choice(self, key: str, default: str = "", value_key: str = "") -> str:
        """The code of the column's value (its label in Vietnamese or English, or its code)."""
        value = self.text(key)
        if not value:
            return default
        code = self.reader.code(value_key or key, value)
        if code is None:
            self.not_allowed(value_key or key, value)
            return ""
        return code

    def codes(self, key: str) -> list[str]:
        found, unknown = self.reader.codes_of_list(key, self.text(key))
        for value in unknown:
            self.not_allowed(key, value)
        return found

    def date(self, key: str) -> datetime.date | None:
        value = self.row.values.get(key)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value)
        if not text:
            return None
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()  # noqa: DTZ007 (a date, no time)
            except ValueError:
                continue
        self.problem(key, _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": text})
        return None

    def participants(self) -> list[ParticipantData]:
        people: list[ParticipantData] = []
        cell = self.text("participants")
        for number, part in enumerate((p for p in cell.split(PARTICIPANT_SEPARATOR) if p.strip()), start=1):
            fields = [f.strip() for f in part.split(FIELD_SEPARATOR)]
            if len(fields) != 4 or not fields[0]:
                self.problem(
                    "participants",
                    _("person %(number)s is not “name | nationality | passport | role”.")
                    % {"number": number},
                )
                continue
            name, nationality, passport, role = fields
            if len(name) > 255 or len(passport) > 32:
                self.problem(
                    "participants",
                    _("person %(number)s has a name or passport too long.") % {"number": number},
                )
            if passport and any(p.person.passport_number == passport for p in people):
                self.problem(
                    "participants", _("the passport %(passport)s is given twice.") % {"passport": passport}
                )
            if "•" in passport:
                self.problem(
                    "participants",
                    _("the passport of %(name)s is masked; export the file as protocol staff.")
                    % {"name": name},
                )
            nation = self.reader.code("nationality", nationality)
            if nation is None:
                self.problem(
                    "participants",
                    _("person %(number)s: the nationality “%(value)s” is not a country.")
                    % {"number": number, "value": nationality},
                )
            role_code = self.reader.code("role", role) if role else Participant.Role.MEMBER
            if role_code is None:
                self.problem(
                    "participants",
                    _("person %(number)s: the role “%(value)s” is not one of: %(allowed)s.")
                    % {"number": number, "value": role, "allowed": ", ".join(self.reader.labels["role"])},
                )
            people.append(
                ParticipantData(
                    PersonData(full_name=name, nationality=nation or "", passport_number=passport),
                    role=role_code or Participant.Role.MEMBER,
                )
            )
        return people


def _columns_of(header: list[str], reader: Reader) -> tuple[dict[str, int], dict[str, str]]:
    """Where each column is in the file, and its header there (in Vietnamese, in English, or the
    code names of the earlier exports)."""
    positions: dict[str, int] = {}
    shown: dict[str, str] = {}
    for index, cell in enumerate(header):
        key = reader.key_of_header(cell)
        if key is not None and key not in positions:
            positions[key], shown[key] = index, cell
    return positions, shown


def check_rows(header: list[str], rows: list[tuple[int, list[Any]]]) -> ImportCheck:
    """Every problem of every row, naming its row and column; nothing is written."""
    reader = Reader()
    positions, shown = _columns_of(header, reader)
    missing = [str(column.label) for column in case_columns() if column.key not in positions]
    if missing:
        return ImportCheck(
            rows=[],
            problems=[
                _("Missing columns: %(columns)s.") % {"columns": ", ".join(f"«{name}»" for name in missing)}
            ],
        )
    if len(rows) > MAX_ROWS:
        return ImportCheck(rows=[], problems=[_("At most %(count)s rows at a time.") % {"count": MAX_ROWS}])
    agencies = {a.code: a for a in Agency.objects.filter(is_active=True)}
    taken: set[str] = set()
    at = positions["reference"]
    given = list({_text(cells[at]) for _number, cells in rows if at < len(cells)} - {""})
    for chunk in chunked(given):
        taken.update(Case.objects.filter(reference__in=chunk).values_list("reference", flat=True))
    seen: dict[str, int] = {}
    checked = []
    for number, cells in rows:
        values = {key: cells[index] if index < len(cells) else None for key, index in positions.items()}
        row = ImportRow(number=number, values=values)
        line = _Row(row, shown, reader)
        for key in REQUIRED:
            if not line.text(key):
                line.problem(key, _("required."))
        if line.choice("kind") not in ("", "delegation"):
            line.problem(
                "kind", _("only delegations are imported here (press visits are entered on their pages).")
            )
        direction = line.choice("direction")
        if direction == Case.Direction.OUTBOUND:
            line.problem(
                "direction",
                _("only inbound delegations are imported here (outbound ones are entered on their pages)."),
            )
        kind = line.choice("delegation_kind")
        mode = line.choice("mode", default=Case.Mode.IN_PERSON)
        status = line.choice("status", default=Case.Status.DRAFT)
        start = line.date("start_date")
        end = line.date("end_date")
        if start and end and end < start:
            line.problem("end_date", _("before the start date."))
        if (
            status
            and status != Case.Status.DRAFT
            and not (status in PAST_VISIT_STATUSES and end is not None and end < timezone.localdate())
        ):
            line.problem(
                "status",
                _(
                    "an imported case is a draft, or a visit already over "
                    "(completed, reported, closed, cancelled, rejected)."
                ),
            )
        for key in ("title", "counterpart_name"):
            if len(line.text(key)) > 255:
                line.problem(key, _("at most 255 characters."))
        lead_code = line.choice("lead_agency")
        lead = agencies.get(lead_code)
        co_hosts = [agencies[code] for code in line.codes("co_host_agencies") if code in agencies]
        case_countries = line.codes("countries")
        counterpart = None
        if line.text("counterpart_name"):
            counterpart_kind = line.choice("counterpart_kind")
            counterpart_country = line.choice("counterpart_country")
            if not line.text("counterpart_kind") or not line.text("counterpart_country"):
                line.problem("counterpart_name", _("give the counterpart's kind and country too."))
            elif counterpart_kind and counterpart_country:
                counterpart = Organisation(
                    name=line.text("counterpart_name"), kind=counterpart_kind, country=counterpart_country
                )
        reference = line.text("reference")
        if reference:
            match = REFERENCE.match(reference)
            if not match:
                line.problem("reference", _("“%(value)s” is not like DV-2024-0007.") % {"value": reference})
            elif (match.group(1) == "DV") != (direction == Case.Direction.INBOUND):
                line.problem("reference", _("DV is for inbound delegations, DR for outbound ones."))
            if reference in taken:
                line.problem("reference", _("%(value)s is already in TTDN.") % {"value": reference})
            if reference in seen:
                line.problem("reference", _("also on row %(row)s.") % {"row": seen[reference]})
            seen.setdefault(reference, number)
        participants = line.participants()
        if not row.problems and start and end and lead:
            row.data = CaseData(
                fields={
                    "direction": direction,
                    "title": line.text("title"),
                    "purpose": line.text("purpose"),
                    "countries": case_countries,
                    "start_date": start,
                    "end_date": end,
                    "mode": mode,
                    "lead_agency": lead,
                    "counterpart": counterpart,
                },
                co_host_agencies=co_hosts,
                participants=participants,
            )
            row.delegation_kind, row.reference, row.status = kind, reference, status
        checked.append(row)
    return ImportCheck(rows=checked)


def _reserve(references: list[str]) -> None:
    """Move each reference counter past the numbers the file brings, so that no number given
    to a new case can be one the file asks for."""
    highest: dict[tuple[str, int], int] = defaultdict(int)
    for reference in references:
        match = REFERENCE.match(reference)
        if match:
            key = (match.group(1), int(match.group(2)))
            highest[key] = max(highest[key], int(match.group(3)))
    references_reserve(highest=highest)


@transaction.atomic
def import_delegations(*, actor: User, check: ImportCheck) -> list[Case]:
    """Create every checked row's delegation, or none (the first failure undoes them all).

    Set-based: what ``delegation_create`` and the import's ``case_move`` write row by row, for
    all rows at once, in a number of queries that does not grow with the rows up to a batch
    (``ttdn.bulk.BATCH_SIZE`` rows; about 40 queries in all). A row given its reference is
    created with it (the one-by-one import numbered it first, then renumbered it)."""
    enforce(may_import_cases(user=actor))
    if not check.ok:
        raise CaseError(_("Correct the rows with problems first: nothing was imported."))
    rows = check.rows
    _reserve([row.reference for row in rows if row.reference])
    data = []
    for row in rows:
        assert row.data is not None  # noqa: S101 - check.ok
        data.append(row.data)
    try:
        cases = delegations_create(
            actor=actor,
            data=data,
            delegation_kinds=[row.delegation_kind for row in rows],
            references=[row.reference for row in rows],
        )
        # One "imported" event per case: the workflow's move to the status of the old log, or,
        # for a draft, the event alone.
        past = [
            index
            for index, (row, case) in enumerate(zip(rows, cases, strict=True))
            if row.status != case.status
        ]
        try:
            cases_move(
                cases=[cases[index] for index in past],
                name="import",
                actor=actor,
                targets=[rows[index].status for index in past],
                data=[{"row": rows[index].number} for index in past],
            )
        except RowError as error:
            raise RowError(error.message, index=past[error.index], cause=error.cause) from error
        moved = set(past)
        log_events(
            code="case.import",
            actor=actor,
            data_by_case={
                case.pk: {"row": row.number}
                for index, (row, case) in enumerate(zip(rows, cases, strict=True))
                if index not in moved
            },
        )
    except RowError as error:
        raise CaseError(
            _("Row %(row)s: %(error)s") % {"row": rows[error.index].number, "error": error.message}
        ) from error
    except DatabaseError as error:  # a value the database refuses: all rows are undone
        raise CaseError(_("A row could not be saved; nothing was imported.")) from error
    return cases

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
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries

from delegations.models import Delegation
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
from ttdn.reports.case_table import DATE_FORMAT, FIELD_SEPARATOR, PARTICIPANT_SEPARATOR, columns

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


def _date(value: Any, name: str, problems: list[str]) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, DATE_FORMAT).date()  # noqa: DTZ007 (a date, no time)
    except ValueError:
        problems.append(
            _("%(column)s: “%(value)s” is not a date (dd/mm/yyyy).") % {"column": name, "value": text}
        )
        return None


def _choice(value: str, name: str, choices: list[tuple[str, Any]], problems: list[str]) -> str:
    allowed = [code for code, _label in choices]
    if value and value not in allowed:
        problems.append(
            _("%(column)s: “%(value)s” is not one of %(allowed)s.")
            % {"column": name, "value": value, "allowed": ", ".join(allowed)}
        )
    return value


def _country(value: str, name: str, problems: list[str]) -> str:
    code = value.upper()
    if code not in _country_codes():
        problems.append(
            _("%(column)s: “%(value)s” is not a country code (ISO 3166, e.g. JP).")
            % {"column": name, "value": value}
        )
    return code


def _country_codes() -> set[str]:
    # Made once per check (the country names are translated each time they are listed).
    codes = _codes.get(translation.get_language())
    if codes is None:
        codes = _codes[translation.get_language()] = set(dict(countries))
    return codes


_codes: dict[str | None, set[str]] = {}


def _participants(cell: str, problems: list[str]) -> list[ParticipantData]:
    people: list[ParticipantData] = []
    for number, part in enumerate((p for p in cell.split(PARTICIPANT_SEPARATOR) if p.strip()), start=1):
        fields = [f.strip() for f in part.split(FIELD_SEPARATOR)]
        if len(fields) != 4 or not fields[0]:
            problems.append(
                _("participants: person %(number)s is not “name | nationality | passport | role”.")
                % {"number": number}
            )
            continue
        name, nationality, passport, role = fields
        if len(name) > 255 or len(passport) > 32:
            problems.append(
                _("participants: person %(number)s has a name or passport too long.") % {"number": number}
            )
        if passport and any(p.person.passport_number == passport for p in people):
            problems.append(
                _("participants: the passport %(passport)s is given twice.") % {"passport": passport}
            )
        if "•" in passport:
            problems.append(
                _("participants: the passport of %(name)s is masked; export the file as protocol staff.")
                % {"name": name}
            )
        role = role or Participant.Role.MEMBER
        _choice(role, "participants", Participant.Role.choices, problems)
        people.append(
            ParticipantData(
                PersonData(
                    full_name=name,
                    nationality=_country(nationality, "participants", problems),
                    passport_number=passport,
                ),
                role=role,
            )
        )
    return people


def check_rows(header: list[str], rows: list[tuple[int, list[Any]]]) -> ImportCheck:
    """Every problem of every row, with its row number; nothing is written."""
    expected = columns()
    missing = [column for column in expected if column not in header]
    if missing:
        return ImportCheck(
            rows=[], problems=[_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}]
        )
    if len(rows) > MAX_ROWS:
        return ImportCheck(rows=[], problems=[_("At most %(count)s rows at a time.") % {"count": MAX_ROWS}])
    agencies = {a.code: a for a in Agency.objects.filter(is_active=True)}
    taken: set[str] = set()
    given = list(
        {
            _text(cells[header.index("reference")])
            for _number, cells in rows
            if header.index("reference") < len(cells)
        }
        - {""}
    )
    for chunk in chunked(given):
        taken.update(Case.objects.filter(reference__in=chunk).values_list("reference", flat=True))
    seen: dict[str, int] = {}
    checked = []
    for number, cells in rows:
        values = {
            column: cells[header.index(column)] if header.index(column) < len(cells) else None
            for column in expected
        }
        row = ImportRow(number=number, values=values)
        problems = row.problems
        for column in REQUIRED:
            if not _text(values[column]):
                problems.append(_("%(column)s: required.") % {"column": column})
        if _text(values["kind"]) not in ("", "delegation"):
            problems.append(
                _("kind: only delegations are imported here (press visits are entered on their pages).")
            )
        direction = _choice(_text(values["direction"]), "direction", Case.Direction.choices, problems)
        kind = _choice(_text(values["delegation_kind"]), "delegation_kind", Delegation.Kind.choices, problems)
        mode = _choice(_text(values["mode"]) or Case.Mode.IN_PERSON, "mode", Case.Mode.choices, problems)
        status = _choice(
            _text(values["status"]) or Case.Status.DRAFT, "status", Case.Status.choices, problems
        )
        start = _date(values["start_date"], "start_date", problems)
        end = _date(values["end_date"], "end_date", problems)
        if start and end and end < start:
            problems.append(_("end_date: before the start date."))
        if status != Case.Status.DRAFT and not (
            status in PAST_VISIT_STATUSES and end is not None and end < timezone.localdate()
        ):
            problems.append(
                _(
                    "status: an imported case is a draft, or a visit already over "
                    "(completed, reported, closed, cancelled, rejected)."
                )
            )
        for column in ("title", "counterpart_name"):
            if len(_text(values[column])) > 255:
                problems.append(_("%(column)s: at most 255 characters.") % {"column": column})
        lead = agencies.get(_text(values["lead_agency"]))
        if _text(values["lead_agency"]) and lead is None:
            problems.append(
                _("lead_agency: no agency has the code “%(code)s”.") % {"code": _text(values["lead_agency"])}
            )
        co_hosts = []
        for code in filter(None, (c.strip() for c in re.split(r"[,;]", _text(values["co_host_agencies"])))):
            if code in agencies:
                co_hosts.append(agencies[code])
            else:
                problems.append(_("co_host_agencies: no agency has the code “%(code)s”.") % {"code": code})
        case_countries = [
            _country(code.strip(), "countries", problems)
            for code in _text(values["countries"]).split(",")
            if code.strip()
        ]
        counterpart = None
        if _text(values["counterpart_name"]):
            counterpart_kind = _choice(
                _text(values["counterpart_kind"]), "counterpart_kind", Organisation.Kind.choices, problems
            )
            if not counterpart_kind or not _text(values["counterpart_country"]):
                problems.append(_("counterpart: give its kind and country too."))
            else:
                counterpart = Organisation(
                    name=_text(values["counterpart_name"]),
                    kind=counterpart_kind,
                    country=_country(_text(values["counterpart_country"]), "counterpart_country", problems),
                )
        reference = _text(values["reference"])
        if reference:
            match = REFERENCE.match(reference)
            if not match:
                problems.append(_("reference: “%(value)s” is not like DV-2024-0007.") % {"value": reference})
            elif (match.group(1) == "DV") != (direction == Case.Direction.INBOUND):
                problems.append(_("reference: DV is for inbound delegations, DR for outbound ones."))
            if reference in taken:
                problems.append(_("reference: %(value)s is already in TTDN.") % {"value": reference})
            if reference in seen:
                problems.append(_("reference: also on row %(row)s.") % {"row": seen[reference]})
            seen.setdefault(reference, number)
        participants = _participants(_text(values["participants"]), problems)
        if not problems and start and end and lead:
            row.data = CaseData(
                fields={
                    "direction": direction,
                    "title": _text(values["title"]),
                    "purpose": _text(values["purpose"]),
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

"""Files of the report: the figures and the case list, as XLSX, CSV or PDF."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from ttdn.reports.case_columns import allowed_values, case_columns, columns, headers
from ttdn.reports.case_table import DATE_COLUMNS, PARTICIPANT_SEPARATOR, as_text, sort_columns
from ttdn.reports.periods import Period
from ttdn.reports.sections import section
from ttdn.reports.statistics import headline_figures
from ttdn.spreadsheets import sheet_fill

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


def _follow_up_figures() -> list[tuple[str, str, str]]:
    return [
        ("opened", _("Follow-ups opened"), _("Follow-ups of the counted visits created in the period.")),
        ("done", _("Follow-ups done"), _("Follow-ups of the counted visits done in the period.")),
        ("overdue", _("Follow-ups overdue"),
         _("Follow-ups of the counted visits due before the end of the period and not closed by then.")),
    ]  # fmt: skip


def summary_rows(figures: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    """(key, label, this period, previous period) for each headline figure."""
    previous = figures["previous"]
    rows = [(f.key, str(f.label), figures[f.key], previous[f.key]) for f in headline_figures()]
    for key, label, _definition in _follow_up_figures():
        rows.append((f"follow_ups.{key}", label, figures["follow_ups"][key], previous["follow_ups"][key]))
    return rows


def definitions() -> list[tuple[str, str]]:
    """(label, what it counts) of every figure of the report, as the page and the files state them."""
    return [(str(f.label), str(f.definition)) for f in headline_figures()] + [
        (label, definition) for _key, label, definition in _follow_up_figures()
    ]


def breakdowns(figures: dict[str, Any]) -> list[tuple[str, str, list[str], list[tuple[str, list[Any]]]]]:
    """(section, title, header, rows) of each table of the report; a row is (its key, its cells)."""
    return [
        ("by_country", _("By country"), [_("Country"), _("Cases"), _("Visitors")],
         [(e["country"], [f"{e['country']} · {countries.name(e['country'])}", e["cases"], e["visitors"]])
          for e in figures["by_country"]]),
        ("by_kind", _("By kind"), [_("Kind"), _("Cases"), _("Visitors")],
         [(e["kind"], [e["label"], e["cases"], e["visitors"]]) for e in figures["by_kind"]]),
        ("by_lead_agency", _("By lead agency"), [_("Lead agency"), _("Cases")],
         [(e["agency"], [e["name"], e["cases"]]) for e in figures["by_lead_agency"]]),
        ("by_month", _("By month"), [_("Month"), _("Cases"), _("Visitors")],
         [(e["month"], [e["month"], e["cases"], e["visitors"]]) for e in figures["by_month"]]),
    ] + [
        (key, str(section(key).title), [str(h) for h in section(key).header], [(k, cells) for k, cells in rows])
        for key, rows in figures.get("sections", {}).items()
    ]  # fmt: skip


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# A cell that starts with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _sheet(
    workbook: Workbook, title: str, header: list[str], rows: Iterable[list[Any]], first: bool = False
) -> None:
    sheet = workbook.active if first else workbook.create_sheet()
    assert sheet is not None  # noqa: S101
    sheet.title = title[:31]
    sheet_fill(sheet, header, rows)


def figures_xlsx(figures: dict[str, Any], period: Period) -> bytes:
    workbook = Workbook()
    _sheet(
        workbook,
        _("Summary"),
        [_("Figure"), period.label(), _("Previous period")],
        [[label, value, before] for _key, label, value, before in summary_rows(figures)],
        first=True,
    )
    for _section, title, header, rows in breakdowns(figures):
        _sheet(workbook, title, header, [cells for _key, cells in rows])
    _sheet(workbook, _("Definitions"), [_("Figure"), _("What it counts")], [list(d) for d in definitions()])
    return _workbook_bytes(workbook)


def figures_csv(figures: dict[str, Any], period: Period) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    # Headers and tables in the reader's language; the second column keeps each figure's code
    # (inbound_delegations, JP, 2026-07), for whoever reads the file with a program.
    writer.writerow([_("Table"), _("Code"), _("Figure"), _("This period"), _("Previous period")])
    headline = _("Headline figures")
    for key, label, value, before in summary_rows(figures):
        writer.writerow([headline, key, label, value, before])
    for _section, title, _header, rows in breakdowns(figures):
        for key, cells in rows:
            writer.writerow([title, csv_safe(key), *(csv_safe(cell) for cell in cells)])
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel it is UTF-8


def _case_sheet(workbook: Workbook, rows: list[dict[str, Any]]) -> Any:
    """The case list on the first sheet: headers in the reader's language, frozen above the rows,
    each column as wide as its contents need, dates as dates."""
    specs = case_columns()
    _sheet(workbook, _("Cases"), headers(), [[row[c.key] for c in specs] for row in rows], first=True)
    sheet = workbook.active
    assert sheet is not None  # noqa: S101
    sheet.freeze_panes = "A2"
    for index, column in enumerate(specs, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if column.key in DATE_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "DD/MM/YYYY"
    return sheet


def cases_xlsx(rows: list[dict[str, Any]]) -> bytes:
    workbook = Workbook()
    _case_sheet(workbook, rows)
    return _workbook_bytes(workbook)


# Rows of the import template that the drop-down lists cover; their headers are coloured.
TEMPLATE_ROWS = 2000
LISTED = PatternFill(fill_type="solid", start_color="FFF2CC", end_color="FFF2CC")


def cases_template(rows: list[dict[str, Any]], guide: list[str]) -> bytes:
    """The import template: the case sheet with ``rows`` as examples, a drop-down list on each
    column of one coded value, fed from the sheet of allowed values (label, then code, of each
    coded column), and a guide."""
    workbook = Workbook()
    sheet = _case_sheet(workbook, rows)
    allowed = workbook.create_sheet(_("Allowed values"))
    values = allowed_values()
    # One list per kind of value: the counterpart's country and the nationality are countries, the
    # co-hosts agencies.
    listed = [key for key in values if key not in ("counterpart_country", "nationality", "co_host_agencies")]
    titles = {c.key: str(c.label) for c in case_columns()}
    titles.update(nationality=_("Nationality"), role=_("Role of a participant"))
    ranges: dict[str, str] = {}
    quoted = allowed.title.replace("'", "''")
    for number, key in enumerate(listed):
        label_column, code_column = get_column_letter(2 * number + 1), get_column_letter(2 * number + 2)
        entries = values[key]()
        allowed[f"{label_column}1"] = titles[key]
        allowed[f"{code_column}1"] = _("code")
        for row, (code, label) in enumerate(entries, start=2):
            allowed[f"{label_column}{row}"] = label
            allowed[f"{code_column}{row}"] = code
        allowed.column_dimensions[label_column].width = 30
        ranges[key] = f"'{quoted}'!${label_column}$2:${label_column}${len(entries) + 1}"
    for cell in allowed[1]:
        cell.font = Font(bold=True)
    allowed.freeze_panes = "A2"
    ranges.update(counterpart_country=ranges["countries"])
    for index, column in enumerate(case_columns(), start=1):
        if column.coded != "choice" or column.key not in ranges:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list",
            formula1=f"={ranges[column.key]}",
            allow_blank=True,
            # A warning, not a refusal: the codes of the sheet are accepted as well.
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=str(column.label),
            error=_("Not one of the list (sheet “%(sheet)s”); its code is accepted too.")
            % {"sheet": allowed.title},
        )
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        sheet.add_data_validation(validation)
        sheet[f"{letter}1"].fill = LISTED
    notes = workbook.create_sheet(_("Guide"))
    notes.column_dimensions["A"].width = 100
    for line in guide:
        notes.append([line])
    return _workbook_bytes(workbook)


def csv_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (the import
    takes it off again, so an export still imports back)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def cases_csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers())
    keys = columns()
    for row in rows:
        writer.writerow([csv_safe(as_text(row[key])) for key in keys])
    return out.getvalue().encode("utf-8-sig")


def cases_pdf(rows: list[dict[str, Any]], period: Period) -> bytes:
    """The case list on A4 landscape pages: the header on each, no row split over two."""
    sorted_by = list(sort_columns())
    shown = [
        {
            **row,
            "kinds": [row[key] for key in ("kind", "direction", *sorted_by, "mode") if row[key]],
            "people": [p.strip() for p in row["participants"].split(PARTICIPANT_SEPARATOR) if p.strip()],
        }
        for row in rows
    ]
    return pdf("reports/cases_pdf.html", {"rows": shown, "period": period})


# In static/ like every style of the site: templates carry no inline style (the pages' CSP).
PDF_STYLESHEET = settings.BASE_DIR / "static" / "css" / "report-pdf.css"


def pdf(template: str, context: dict[str, Any]) -> bytes:
    """A PDF from an HTML template, with the province's heading; the fonts are the system's
    DejaVu (every Vietnamese letter), nothing is fetched from the network."""
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    html = render_to_string(
        template,
        {**context, "province": settings.TTDN_PROVINCE_NAME, "printed": timezone.localtime()},
    )
    stylesheet = CSS(filename=str(PDF_STYLESHEET), url_fetcher=fetch_nothing)
    return bytes(HTML(string=html, url_fetcher=fetch_nothing).write_pdf(stylesheets=[stylesheet]))


def fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The PDFs are made from the template alone: no image, font or style is ever fetched."""
    raise ValueError(f"PDF exports fetch nothing ({url})")

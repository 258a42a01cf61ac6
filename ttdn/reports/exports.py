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

from ttdn.reports.case_table import DATE_COLUMNS, as_text, columns
from ttdn.reports.periods import Period
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
    writer.writerow(["section", "key", "label", "value", "previous"])
    for key, label, value, before in summary_rows(figures):
        writer.writerow(["summary", key, label, value, before])
    for section, _title, _header, rows in breakdowns(figures):
        for key, cells in rows:
            writer.writerow([section, csv_safe(key), *(csv_safe(cell) for cell in cells)])
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel it is UTF-8


def cases_xlsx(rows: list[dict[str, Any]]) -> bytes:
    workbook = Workbook()
    header = columns()
    _sheet(workbook, "cases", header, [[row[c] for c in header] for row in rows], first=True)
    sheet = workbook.active
    assert sheet is not None  # noqa: S101
    for name in DATE_COLUMNS:
        column = header.index(name) + 1
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "DD/MM/YYYY"
    return _workbook_bytes(workbook)


def csv_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (the import
    takes it off again, so an export still imports back)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def cases_csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    header = columns()
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(as_text(row[c])) for c in header])
    return out.getvalue().encode("utf-8-sig")


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
    stylesheet = CSS(filename=str(PDF_STYLESHEET), url_fetcher=_fetch_nothing)
    return bytes(HTML(string=html, url_fetcher=_fetch_nothing).write_pdf(stylesheets=[stylesheet]))


def _fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The PDFs are made from the template alone: no image, font or style is ever fetched."""
    raise ValueError(f"PDF exports fetch nothing ({url})")

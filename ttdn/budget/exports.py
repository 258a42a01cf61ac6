"""The estimate and the settlement (estimate beside actual) as XLSX and DOCX tables. The DOCX has the
layout of Decree 30/2020/NĐ-CP (ttdn.documents.defaults.layout): heading, title, table, totals and
the signatures; it is in Vietnamese, as the office files it."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document as open_docx
from docx.shared import Pt
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

from ttdn.budget.models import Basis, BudgetLine, CaseBudget
from ttdn.budget.selectors import totals_of
from ttdn.documents import dates
from ttdn.documents.defaults import layout
from ttdn.documents.models import Register
from ttdn.documents.rendering import render_docx
from ttdn.money import money
from ttdn.spreadsheets import sheet_fill

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def counted_guests(n: int) -> str:
    return ngettext("%(n)s guest", "%(n)s guests", n) % {"n": n}


def counted_days(n: int) -> str:
    return ngettext("%(n)s day", "%(n)s days", n) % {"n": n}


def calculation(line: BudgetLine, budget: CaseBudget) -> str:
    """How the norm's amount is made: ``1.500.000 x 3 guests x 2 days``."""
    if line.computed is None or line.unit_amount is None:
        return _("added by hand")
    unit = money(line.unit_amount)
    guests, days = counted_guests(budget.guests), counted_days(budget.days)
    return {
        Basis.PER_GUEST_DAY: f"{unit} \u00d7 {guests} \u00d7 {days}",
        Basis.PER_GUEST: f"{unit} \u00d7 {guests}",
        Basis.PER_DELEGATION_DAY: f"{unit} \u00d7 {days}",
        Basis.PER_DELEGATION: f"{unit} \u00d7 1",
    }[Basis(line.basis)]


def note(line: BudgetLine, *, settlement: bool) -> str:
    parts = []
    if line.is_edited and line.computed is not None:
        parts.append(_("by the norm: %(amount)s") % {"amount": money(line.computed)})
    if line.reason:
        parts.append(line.reason)
    if settlement and line.actual_note:
        parts.append(line.actual_note)
    return "; ".join(parts)


def _header(settlement: bool) -> list[str]:
    if settlement:
        return [
            _("No."),
            _("Item"),
            _("Estimated (VND)"),
            _("Actual (VND)"),
            _("Difference (VND)"),
            _("Notes"),
        ]
    return [_("No."), _("Item"), _("Calculation"), _("Amount (VND)"), _("Notes")]


def _cells(number: int, line: BudgetLine, budget: CaseBudget, *, settlement: bool) -> list[Any]:
    if settlement:
        return [number, line.label, line.amount, line.actual, line.difference, note(line, settlement=True)]
    return [number, line.label, calculation(line, budget), line.amount, note(line, settlement=False)]


def _totals(lines: list[BudgetLine], *, settlement: bool) -> list[Any]:
    totals = totals_of(lines)
    if settlement:
        return ["", _("Total"), totals.estimated, totals.actual, totals.difference, ""]
    return ["", _("Total"), "", totals.estimated, ""]


def title_of(budget: CaseBudget, *, settlement: bool) -> str:
    kind = (
        _("SETTLEMENT OF THE RECEPTION COSTS OF") if settlement else _("ESTIMATE OF THE RECEPTION COSTS OF")
    )
    name = budget.case.title.strip()
    return f"{kind} {name.upper()}"


def subtitle_of(budget: CaseBudget) -> str:
    case = budget.case
    return _("%(reference)s · from %(start)s to %(end)s · %(category)s · %(guests)s · %(days)s") % {
        "reference": case.reference,
        "start": dates.vi_numeric(case.start_date),
        "end": dates.vi_numeric(case.end_date),
        "category": budget.category.name,
        "guests": counted_guests(budget.guests),
        "days": counted_days(budget.days),
    }


FONT = "Times New Roman"  # as the DOCX: every Vietnamese letter, bold ones too


def xlsx(budget: CaseBudget, lines: list[BudgetLine], *, settlement: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = (_("Settlement") if settlement else _("Estimate"))[:31]
    widths = [6, 30, 16, 16, 16, 36] if settlement else [6, 30, 30, 16, 36]
    last = chr(ord("A") + len(widths) - 1)
    sheet.append([title_of(budget, settlement=settlement)])
    sheet.append([subtitle_of(budget)])
    sheet.append([])
    header = _header(settlement)
    rows = [_cells(n, line, budget, settlement=settlement) for n, line in enumerate(lines, 1)]
    sheet_fill_at(sheet, header, [*rows, _totals(lines, settlement=settlement)])
    money_columns = (3, 4, 5) if settlement else (4,)
    total_row = sheet.max_row
    for row in sheet.iter_rows():
        height = 1
        for cell in row:
            bold = cell.row in (1, 4, total_row)
            cell.font = Font(name=FONT, size=13 if cell.row == 1 else 11, bold=bold, italic=cell.row == 2)
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", horizontal="center" if cell.row <= 2 else None
            )
            if cell.row > 4 and cell.column in money_columns:
                cell.number_format = "#,##0"
            if cell.row > 2 and isinstance(cell.value, str):  # LibreOffice keeps the height it is given
                height = max(height, -(-len(cell.value) // max(widths[cell.column - 1] - 2, 1)))
        sheet.row_dimensions[row[0].row].height = 16 * height
    for number in (1, 2):
        sheet.merge_cells(f"A{number}:{last}{number}")
        sheet.row_dimensions[number].height = 36
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "4:4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_fill_at(sheet: Any, header: list[str], rows: list[list[Any]]) -> None:
    """``sheet_fill`` below what the sheet already has (its title lines)."""
    scratch = Workbook().active
    sheet_fill(scratch, header, rows)
    for row in scratch.iter_rows():
        sheet.append([cell.value for cell in row])
        for source, cell in zip(row, sheet[sheet.max_row], strict=True):
            cell.data_type = source.data_type


def _heading_context(budget: CaseBudget) -> dict[str, str]:
    register = Register.objects.filter(direction=Register.Direction.OUT, is_default=True).first()
    province = settings.TTDN_PROVINCE_NAME
    return {
        "parent_body": register.parent_body if register else f"UBND TỈNH {province.upper()}",
        "issuing_body": register.body if register else "VĂN PHÒNG",
        "number_and_symbol": "...",
        "date_line": dates.date_line(register.place if register else province, timezone.localdate()),
    }


def docx(budget: CaseBudget, lines: list[BudgetLine], *, settlement: bool) -> bytes:
    with translation.override("vi"):
        return _docx(budget, lines, settlement=settlement)


def _docx(budget: CaseBudget, lines: list[BudgetLine], *, settlement: bool) -> bytes:
    template = layout.document()
    layout.heading(template)
    # Only the heading goes through the template engine: the case's own text never does.
    rendered = render_docx(layout.saved(template), _heading_context(budget))
    doc = open_docx(io.BytesIO(rendered))
    layout.text(
        doc, title_of(budget, settlement=settlement), size=14, bold=True, align=layout.CENTER, before=18
    )
    layout.text(doc, subtitle_of(budget), size=13, italic=True, align=layout.CENTER)
    layout.rule(doc, inset_cm=6.0)
    layout.text(doc, "", after=6)
    widths = [1.3, 4.2, 2.8, 2.8, 2.7, 2.7] if settlement else [1.3, 4.7, 4.3, 3.0, 3.2]
    money_columns = (2, 3, 4) if settlement else (3,)
    rows = [_cells(n, line, budget, settlement=settlement) for n, line in enumerate(lines, 1)]
    total = _totals(lines, settlement=settlement)
    text_rows = [
        [money(v) if i in money_columns else str(v or "") for i, v in enumerate(row)]
        for row in [*rows, total]
    ]
    layout.table(doc, _header(settlement), widths, text_rows)
    grid = doc.tables[-1]
    for row_index, row in enumerate(grid.rows):
        for column in money_columns:
            if row_index:
                row.cells[column].paragraphs[0].alignment = layout.RIGHT
        if row_index == len(grid.rows) - 1:
            for cell in row.cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    totals = totals_of(lines)
    if settlement and totals.actual is not None:
        total_line = _("Total spent: %(amount)s VND.") % {"amount": money(totals.actual)}
    else:
        total_line = _("Total: %(amount)s VND.") % {"amount": money(totals.estimated)}
    layout.text(doc, total_line, size=13, italic=True, after=6)
    signatures = doc.add_table(rows=1, cols=2)
    left, right = signatures.rows[0].cells
    for cell, role in ((left, _("PREPARED BY")), (right, _("HEAD OF THE OFFICE"))):
        cell.paragraphs[0].add_run(role).bold = True
        cell.paragraphs[0].alignment = layout.CENTER
        cell.paragraphs[0].runs[0].font.size = Pt(13)
        layout.text(cell, _("(signature, full name)"), size=12, italic=True, align=layout.CENTER, after=56)
    return layout.saved(doc)

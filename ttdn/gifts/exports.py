"""The gifts register as a workbook, for the anti-corruption declaration: one sheet of the gifts
received (the declaration's columns), one of the gifts given."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment  # type: ignore[import-untyped]

from ttdn.gifts.models import GiftGiven, GiftReceived
from ttdn.spreadsheets import sheet_fill

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY = "#,##0"
RECEIVED_WIDTHS = (12, 24, 24, 28, 14, 13, 12, 12, 20, 20, 14, 30)
GIVEN_WIDTHS = (12, 24, 28, 9, 14, 24, 24, 14)
DATE = "DD/MM/YYYY"


def received_header() -> list[str]:
    return [
        _("Date received"), _("Received by"), _("From whom"), _("Gift"), _("Estimated value (VND)"),
        _("To declare and hand in by"), _("Declared on"), _("Handed in on"), _("Handed to"),
        _("Handled how"), _("Case"), _("Notes"),
    ]  # fmt: skip


def received_row(gift: GiftReceived) -> list[Any]:
    return [
        gift.received_on, gift.recipient_label, gift.from_label, gift.description, gift.estimated_value,
        gift.hand_in_due, gift.declared_on, gift.handed_in_on, gift.handed_to, gift.get_decision_display(),
        gift.case.reference, gift.notes,
    ]  # fmt: skip


def given_header() -> list[str]:
    return [
        _("Date given"), _("To whom"), _("Gift"), _("Quantity"), _("Value (VND)"), _("Funding source"),
        _("Approved by"), _("Case"),
    ]  # fmt: skip


def given_row(gift: GiftGiven) -> list[Any]:
    return [
        gift.given_on, gift.to_label, gift.description, gift.quantity, gift.value, gift.funding_label,
        gift.approved_by, gift.case.reference,
    ]  # fmt: skip


def _sheet(
    sheet: Any, title: str, header: list[str], rows: list[list[Any]], money: int, widths: Sequence[int]
) -> None:
    sheet.title = title[:31]
    sheet_fill(sheet, header, rows)
    for row in sheet.iter_rows():
        for cell in row:
            if cell.row > 1 and cell.column - 1 == money:
                cell.number_format = MONEY
            elif hasattr(cell.value, "isoformat"):
                cell.number_format = DATE
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Printed as the declaration is filed: A4 landscape, the columns on one page's width.
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    # Wrapped cells: the rows as high as their longest cell (a spreadsheet does not measure them).
    for row in sheet.iter_rows():
        lines = max(math.ceil(len(str(cell.value or "")) / (widths[cell.column - 1] - 2)) for cell in row)
        sheet.row_dimensions[row[0].row].height = 15 * max(1, lines)


def register_xlsx(*, received: list[GiftReceived] | None, given: list[GiftGiven] | None, year: int) -> bytes:
    workbook = Workbook()
    sheets: list[tuple[str, list[str], list[list[Any]], int, Sequence[int]]] = []
    if received is not None:
        sheets.append((_("Gifts received %(year)s") % {"year": year}, received_header(),
                       [received_row(gift) for gift in received], 4, RECEIVED_WIDTHS))  # fmt: skip
    if given is not None:
        sheets.append((_("Gifts given %(year)s") % {"year": year}, given_header(),
                       [given_row(gift) for gift in given], 4, GIVEN_WIDTHS))  # fmt: skip
    for index, (title, header, rows, money, widths) in enumerate(sheets):
        _sheet(workbook.active if index == 0 else workbook.create_sheet(), title, header, rows, money, widths)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

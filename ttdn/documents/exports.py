"""The registers as XLSX, with Vietnamese (or the reader's language) headers."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment  # type: ignore[import-untyped]

from ttdn.documents.models import Document, IncomingDocument
from ttdn.spreadsheets import sheet_fill

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(title: str, headers: list[str], rows: Iterable[Sequence[object]], widths: list[int]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet_fill(sheet, headers, rows)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_out_xlsx(documents: Iterable[Document]) -> bytes:
    headers = [
        _("Number and symbol"),
        _("Date"),
        _("Type"),
        _("Summary"),
        _("Signed by"),
        _("Recipients"),
        _("Case"),
        _("Status"),
    ]
    rows = (
        [
            document.number_label,
            document.issued_on,
            document.get_doc_type_display(),
            document.summary,
            document.signer,
            "; ".join(document.recipients.splitlines()),
            document.case.reference if document.case else "",
            document.get_status_display(),
        ]
        for document in documents
    )
    return _workbook(_("Documents out"), headers, rows, [16, 12, 18, 60, 24, 40, 16, 12])


def register_in_xlsx(incoming: Iterable[IncomingDocument]) -> bytes:
    headers = [
        _("Number received"), _("Received on"), _("Number and symbol"), _("Date of the document"),
        _("Issuing body"), _("Summary"), _("Case"),
    ]  # fmt: skip
    rows = (
        [
            f"{entry.number:02d}/{entry.year}",
            entry.received_on,
            entry.sender_reference,
            entry.document_date,
            entry.issuing_body,
            entry.summary,
            entry.case.reference if entry.case else "",
        ]
        for entry in incoming
    )
    return _workbook(_("Documents in"), headers, rows, [14, 12, 18, 14, 36, 60, 16])

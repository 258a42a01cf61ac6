"""Sheets of the exports (reports, registers): a bold header row, then the rows, and no cell that a
spreadsheet would run as a formula (text starting with "=" stays text: XLSX injection)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.styles import Font  # type: ignore[import-untyped]


def sheet_fill(sheet: Any, header: Sequence[object], rows: Iterable[Sequence[object]]) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text as written, never a formula

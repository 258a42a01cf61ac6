"""The layout of Decree 30/2020/NĐ-CP (Appendix I), drawn with python-docx for the default templates:
A4, Times New Roman, the two-column heading (issuing body | national title and motto), the type
and summary, a justified body, and the recipients beside the signature."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document as new_docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
CENTER, LEFT, JUSTIFY, RIGHT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.RIGHT,
)


def document() -> Document:
    """An empty A4 document with the decree's margins and font."""
    doc = new_docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    return doc


def text(
    container: Document | _Cell,
    content: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = LEFT,
    after: float = 0,
    before: float = 0,
    indent: bool = False,
    line: float | None = None,
) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph_format = paragraph.paragraph_format
    paragraph_format.space_after, paragraph_format.space_before = Pt(after), Pt(before)
    if indent:
        paragraph_format.first_line_indent = Cm(1.27)
    if line:
        paragraph_format.line_spacing = line
    if content:
        run = paragraph.add_run(content)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def body(doc: Document, content: str) -> Paragraph:
    """A paragraph of the body: justified, first line indented 1.27 cm, 6 pt apart, 1.15 lines."""
    return text(doc, content, align=JUSTIFY, indent=True, after=6, line=1.15)


def tag(container: Document | _Cell, content: str) -> Paragraph:
    """A paragraph that holds only a ``{%p ... %}`` tag: docxtpl removes it when rendering."""
    return text(container, content, size=8)


def rule(container: Document | _Cell, *, inset_cm: float) -> Paragraph:
    """A short line (the decree's lines under the issuing body, the motto and the summary): an
    empty paragraph with a bottom border, shortened by ``inset_cm`` on each side."""
    paragraph = text(container, "", size=2)
    paragraph_format = paragraph.paragraph_format
    paragraph_format.left_indent = paragraph_format.right_indent = Cm(inset_cm)
    paragraph_format.line_spacing = Pt(2)
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)
    return paragraph


def _columns(grid: Table, widths_cm: Sequence[float]) -> None:
    """Column widths as both Word (the cells) and LibreOffice (the grid) read them."""
    grid.autofit = False
    for column, width in zip(grid.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _emptied(table_cell: _Cell) -> _Cell:
    table_cell.paragraphs[0]._p.getparent().remove(table_cell.paragraphs[0]._p)  # start empty
    return table_cell


def heading(
    doc: Document,
    *,
    body_lines: Sequence[tuple[str, bool]] = (("{{ parent_body }}", False), ("{{ issuing_body }}", True)),
    letter: bool = False,
    english: bool = False,
    number_and_symbol: str = "{{ number_and_symbol }}",
    date_line: str = "{{ date_line }}",
) -> None:
    """The heading: the issuing body and the number at the left, the national title, the motto
    and the place and date at the right; a letter has its summary (V/v ...) under its number.
    A document drawn by code rather than filled as a template gives its number and date line."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _columns(table, [6.9, 9.6])
    left, right = _emptied(table.rows[0].cells[0]), _emptied(table.rows[0].cells[1])
    for content, bold in body_lines:
        text(left, content, size=13, bold=bold, align=CENTER)
    rule(left, inset_cm=2.0)
    number = f"No.: {number_and_symbol}" if english else f"Số: {number_and_symbol}"
    text(left, number, size=13, align=CENTER, before=6)
    if letter:
        text(left, "V/v {{ summary }}", size=12, align=CENTER, before=4)
    text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12.5, bold=True, align=CENTER)
    text(right, "Độc lập - Tự do - Hạnh phúc", size=13.5, bold=True, align=CENTER)
    rule(right, inset_cm=2.3)
    if english:
        text(right, "SOCIALIST REPUBLIC OF VIET NAM", size=11, italic=True, align=CENTER, before=2)
        text(right, "Independence - Freedom - Happiness", size=11, italic=True, align=CENTER)
        date_line = "{{ place }}, {{ issue_date_en or '...' }}"
    text(right, date_line, size=14, italic=True, align=CENTER, before=8)


def title(doc: Document, kind: str, summary: str = "{{ summary }}") -> None:
    """The type in capitals and the summary beneath it, with a short line under."""
    text(doc, kind, size=14, bold=True, align=CENTER, before=18)
    text(doc, summary, size=14, bold=True, align=CENTER)
    rule(doc, inset_cm=6.0)
    text(doc, "", after=6)


def addressee(doc: Document, to: str) -> None:
    text(doc, f"Kính gửi: {to}", align=CENTER, before=12, after=12)


def closing(
    doc: Document,
    *,
    authority: Sequence[str],
    suggested_recipients: Sequence[str],
    archive: str = "Lưu: VT.",
    english: bool = False,
    recipients: Sequence[str] | None = None,
    signer: str = "{{ signer }}",
) -> None:
    """The recipients (bottom left) beside the signature block (bottom right). The recipients are
    the document's own once issued, the template's suggestion in a draft; the archive line last.
    A document drawn by code gives its ``recipients`` (none yet: the suggestion) and ``signer``."""
    table = doc.add_table(rows=1, cols=2)
    _columns(table, [7.5, 9.0])
    left, right = _emptied(table.rows[0].cells[0]), _emptied(table.rows[0].cells[1])
    text(left, "Recipients:" if english else "Nơi nhận:", size=12, bold=True, italic=True, before=12)
    if recipients is not None:
        for line in recipients or suggested_recipients:
            text(left, f"- {line};", size=11)
    else:
        tag(left, "{%p if recipients %}")
        tag(left, "{%p for recipient in recipients %}")
        text(left, "- {{ recipient }};", size=11)
        tag(left, "{%p endfor %}")
        tag(left, "{%p else %}")
        for suggestion in suggested_recipients:
            text(left, f"- {suggestion};", size=11)
        tag(left, "{%p endif %}")
    text(left, f"- {archive}", size=11)
    for index, line in enumerate(authority):
        text(right, line, size=14, bold=True, align=CENTER, before=12 if index == 0 else 0)
    text(right, "", after=56)  # room for the signature and the seal
    text(right, signer, size=14, bold=True, align=CENTER)


def table(
    doc: Document, headers: Sequence[str], widths_cm: Sequence[float], rows: Sequence[str | Sequence[str]]
) -> None:
    """A bordered table with a header row, then ``rows``: a sequence of values, one per column, or
    a string across the whole row (a ``{%tr ... %}`` tag, which docxtpl replaces by the loop it
    opens or closes, or a label in bold, such as a day of the programme)."""
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for cell, header, width in zip(grid.rows[0].cells, headers, widths_cm, strict=True):
        cell.width = Cm(width)  # LibreOffice takes the columns' widths from the first row
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(header)
        run.bold, run.font.size = True, Pt(12)
    for spec in rows:
        cells = grid.add_row().cells
        for cell, width in zip(cells, widths_cm, strict=True):
            cell.width = Cm(width)
        if isinstance(spec, str):
            merged = cells[0].merge(cells[-1])
            run = merged.paragraphs[0].add_run(spec)
            run.bold, run.font.size = not spec.startswith("{%"), Pt(12)
            continue
        for cell, value in zip(cells, spec, strict=True):
            cell.paragraphs[0].add_run(value).font.size = Pt(12)
    for column, width in zip(grid.columns, widths_cm, strict=True):
        column.width = Cm(width)
    text(doc, "", after=6)


def saved(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

"""The compiled report (báo cáo tổng hợp) of a report request, as a DOCX in the format of Decree
30/2020/NĐ-CP (Appendix I), drawn with the layout of the document templates: the heading with the
number (``.../BC-VP`` until issued), the province's figures of the period (the report's own tables,
through the one selector as the compiling officer sees them), the agencies' narrative by section,
their plan tasks' progress, the agencies that have not submitted, and appendices listing the
visits of the period of each kind (from the kinds' registry: the core names none).

Everything the document holds is written as text into the file, never as a template placeholder,
so that what an agency typed cannot act as one."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db.models import Count
from django.utils import translation
from django_countries import countries
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Mm

from ttdn.accounts.models import User
from ttdn.cases import kinds
from ttdn.cases.models import Case
from ttdn.documents import dates
from ttdn.documents.defaults import layout as L
from ttdn.documents.models import Document, Register
from ttdn.plans.models import TaskProgress
from ttdn.reports import exports, sections
from ttdn.reports.models import SECTIONS, Contribution, ReportRequest
from ttdn.reports.periods import Period
from ttdn.reports.statistics import counted_cases, report_figures

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
VISIT_COLUMNS = ("Số hồ sơ", "Tên đoàn, nội dung", "Đối tác, quốc gia", "Thời gian", "Cơ quan chủ trì")
VISIT_WIDTHS = (3.0, 7.5, 5.5, 4.5, 4.5)
DECREE09_NOTE = (
    "theo Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ quy định chế độ báo cáo "
    "của cơ quan hành chính nhà nước"
)
AUTHORITY = ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
SUGGESTED_RECIPIENTS = ["Thường trực Tỉnh ủy", "Chủ tịch, các Phó Chủ tịch UBND tỉnh", "Bộ Ngoại giao"]


def period_words(period: Period) -> str:
    """The period in the summary line: ``quý I năm 2026``, ``6 tháng đầu năm 2026``, ``năm 2026``."""
    if period.quarter:
        return f"quý {ROMAN[period.quarter - 1]} năm {period.year}"
    if period.half:
        return f"6 tháng {'đầu' if period.half == 1 else 'cuối'} năm {period.year}"
    if period.year:
        return f"năm {period.year}"
    return dates.vi_period(period.start, period.end)


def summary_of(request: ReportRequest) -> str:
    return f"Kết quả công tác thông tin đối ngoại {period_words(request.period())}"[:255]


@dataclass
class Compiled:
    """What the report says, as plain values (the test reads these as the document shows them)."""

    figures: dict[str, Any]
    submitted: list[Contribution]
    pending: list[tuple[str, int]]  # (agency, reminders sent)
    appendices: list[Appendix] = field(default_factory=list)


@dataclass(frozen=True)
class Appendix:
    """One list at the end: its title after "DANH SÁCH", its columns after "TT", their widths."""

    title: str
    rows: list[list[str]]
    header: tuple[str, ...] = VISIT_COLUMNS
    widths: tuple[float, ...] = VISIT_WIDTHS


def _appendices(user: User, period: Period) -> list[Appendix]:
    """The visits of the period that count, one list per kind (and direction, as the kind names
    its cases: inbound and outbound delegations apart), in the kinds' order; then the lists the
    apps register (ttdn.reports.sections.register_appendix: the foreign NGOs...)."""
    groups: dict[tuple[int, int, str], list[list[str]]] = defaultdict(list)
    directions = list(Case.Direction.values)
    order = {kind.code: index for index, kind in enumerate(kinds.all_kinds())}
    cases = (
        counted_cases(user, period)
        # each kind's summary reads its own record: in the same query, not one per row
        .select_related("counterpart", "lead_agency", *kinds.extension_accessors())
        .order_by("start_date", "pk")
    )
    for case in cases:
        kind = kinds.get(case.kind) if case.kind in order else None
        title = kind.summary(case) if kind else case.kind
        where = ", ".join(str(countries.name(code)) for code in case.countries)
        counterpart = case.counterpart.name if case.counterpart else ""
        groups[(order.get(case.kind, len(order)), directions.index(case.direction), str(title))].append(
            [
                case.reference,
                case.title,
                "; ".join(filter(None, [counterpart, where])),
                dates.vi_period(case.start_date, case.end_date),
                case.lead_agency.name if case.lead_agency else "",
            ]
        )
    visits = [Appendix(title, rows) for (_kind, _direction, title), rows in sorted(groups.items())]
    listed = [
        Appendix(appendix.title, rows, tuple(appendix.header), tuple(appendix.widths))
        for appendix in sections.appendices_for(user)
        if (rows := appendix.rows(user, period))
    ]
    return visits + listed


def compiled_content(*, user: User, request: ReportRequest) -> Compiled:
    """The report's content as ``user`` (the compiling officer) may see it, in Vietnamese."""
    period = request.period()
    contributions = list(
        request.contributions.select_related("agency")
        .annotate(reminded=Count("reminders"))
        .order_by("agency__name_vi", "pk")
    )
    with translation.override("vi"):
        return Compiled(
            figures=report_figures(user, period),
            submitted=[c for c in contributions if c.is_submitted],
            pending=[(c.agency.name, c.reminded) for c in contributions if not c.is_submitted],
            appendices=_appendices(user, period),
        )


def _issuer(register: Register) -> str:
    """The issuing body in a sentence: ``Văn phòng UBND tỉnh Tuyên Quang``."""
    return f"{register.body.capitalize()} UBND tỉnh {register.place}"


def _heading_section(doc: Any, number: str, title: str) -> None:
    L.text(doc, f"{number}. {title}", bold=True, before=6, after=6)


def _paragraphs(doc: Any, text: str) -> None:
    for line in text.splitlines():
        if line.strip():
            L.body(doc, line.strip())


def _figures(doc: Any, figures: dict[str, Any]) -> None:
    L.text(doc, "1. Số liệu chung (so với kỳ trước)", italic=True, after=4)
    L.table(
        doc,
        ["TT", "Chỉ tiêu", "Kỳ này", "Kỳ trước"],
        [1.0, 9.5, 2.5, 2.5],
        [[str(i), label, str(now), str(before)] for i, (_k, label, now, before) in
         enumerate(exports.summary_rows(figures), 1)],
    )  # fmt: skip
    tables = [table for table in exports.breakdowns(figures) if table[3]]
    for index, (key, title, header, rows) in enumerate(tables, 2):
        if key == "by_month":  # 2026-03 as the documents write it: 03/2026
            rows = [(month, [f"{month[5:]}/{month[:4]}", *cells[1:]]) for month, cells in rows]
        L.text(doc, f"{index}. {title}", italic=True, before=6, after=4)
        # The first column names the row; the others hold figures.
        widths = [15.5 - 2.8 * (len(header) - 1), *([2.8] * (len(header) - 1))]
        L.table(doc, [str(h) for h in header], widths, [[str(cell) for cell in cells] for _k, cells in rows])


def _by_agency(doc: Any, submitted: list[Contribution], name: str) -> None:
    written = [c for c in submitted if getattr(c, name)]
    if not written:
        L.body(doc, "Không có nội dung.")
    for contribution in written:
        L.text(doc, f"{contribution.agency.name}:", bold=True, italic=True, before=4, after=2)
        _paragraphs(doc, getattr(contribution, name))


def _status(code: str) -> str:
    """The status of a task's progress, in the document's language (the row keeps its code)."""
    return str(TaskProgress.Status(code).label) if code in TaskProgress.Status.values else "Chưa báo cáo"


def _progress(doc: Any, submitted: list[Contribution]) -> None:
    rows = [
        [contribution.agency.name, f"{row['title']} ({row['plan']})", _status(row["status"]), row["text"]]
        for contribution in submitted
        for row in contribution.progress
    ]  # fmt: skip
    if not rows:
        L.body(doc, "Không có nhiệm vụ nào của kế hoạch trong kỳ.")
        return
    L.table(
        doc,
        ["TT", "Cơ quan, đơn vị", "Nhiệm vụ", "Tình trạng", "Kết quả"],
        [1.0, 3.5, 4.5, 2.5, 4.0],
        [[str(i), *row] for i, row in enumerate(rows, 1)],
    )


def _appendix_pages(doc: Any, appendices: list[Appendix], period: Period, *, attached_to: str) -> None:
    section = doc.add_section()  # the lists on A4 landscape (Decree 30 allows it for tables)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    for index, appendix in enumerate(appendices, 1):
        if index > 1:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        L.text(
            doc, f"Phụ lục {ROMAN[index - 1] if index <= len(ROMAN) else index}", bold=True, align=L.CENTER
        )
        L.text(doc, f"DANH SÁCH {appendix.title.upper()} {dates.vi_period(period.start, period.end).upper()}",
               bold=True, align=L.CENTER)  # fmt: skip
        L.text(doc, f"(Kèm theo {attached_to})", italic=True, align=L.CENTER, after=8)
        L.table(
            doc,
            ["TT", *appendix.header],
            [1.0, *appendix.widths],
            [[str(i), *row] for i, row in enumerate(appendix.rows, 1)],
        )


def render(*, request: ReportRequest, content: Compiled, document: Document) -> bytes:
    """The DOCX of the compiled report: ``document`` gives its register and its number (``...``
    in a draft), and once issued its date, signer and recipients."""
    period = request.period()
    register = document.register
    issued = document.is_issued
    issued_on: datetime.date | None = document.issued_on if issued else None
    number = document.number_label
    with translation.override("vi"):
        doc = L.document()
        L.heading(
            doc,
            body_lines=((register.parent_body, False), (register.body, True)),
            number_and_symbol=number,
            date_line=dates.date_line(register.place, issued_on),
        )
        L.title(doc, "BÁO CÁO", summary_of(request))
        asked = len(content.submitted) + len(content.pending)
        basis = f", {DECREE09_NOTE}" if period.is_decree09 else ""
        L.body(
            doc,
            f"Thực hiện {request.title}, trên cơ sở báo cáo của {len(content.submitted)}/{asked} cơ quan, "
            f"đơn vị, {_issuer(register)} báo cáo kết quả công tác thông tin đối ngoại "
            f"{period_words(period)} (kỳ báo cáo {dates.vi_period(period.start, period.end)}{basis}) như sau:",
        )
        (results, results_heading), *others = SECTIONS
        parts: list[tuple[str, Callable[[], None]]] = [
            ("SỐ LIỆU CÁC HOẠT ĐỘNG ĐỐI NGOẠI TRONG KỲ", partial(_figures, doc, content.figures)),
            (str(results_heading).upper(), partial(_by_agency, doc, content.submitted, results)),
            ("TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH", partial(_progress, doc, content.submitted)),
            *(
                (str(heading).upper(), partial(_by_agency, doc, content.submitted, name))
                for name, heading in others
            ),
            ("CÁC CƠ QUAN, ĐƠN VỊ CHƯA GỬI BÁO CÁO", partial(_pending, doc, content.pending)),
        ]
        for index, (heading, write) in enumerate(parts):
            _heading_section(doc, ROMAN[index], heading)
            write()
        L.body(doc, f"{_issuer(register)} kính báo cáo./.")
        recipients = [line for line in (document.recipients.splitlines() if issued else []) if line.strip()]
        L.closing(
            doc,
            authority=AUTHORITY,
            suggested_recipients=SUGGESTED_RECIPIENTS,
            archive=f"Lưu: VT, {register.body_symbol}.",
            recipients=recipients,
            signer=document.signer if issued else "",
        )
        if content.appendices:
            issued_text = f" ngày {dates.vi_numeric(issued_on)}" if issued_on else ""
            attached_to = f"Báo cáo số {number}{issued_text} của {_issuer(register)}"
            _appendix_pages(doc, content.appendices, period, attached_to=attached_to)
        return L.saved(doc)


def _pending(doc: Any, pending: list[tuple[str, int]]) -> None:
    if not pending:
        L.body(doc, "Tất cả các cơ quan, đơn vị được yêu cầu đã gửi báo cáo.")
    for agency, reminders in pending:
        reminded = f" (đã nhắc {reminders} lần)" if reminders else ""
        L.body(doc, f"- {agency}{reminded}.")

"""The default templates: what each is, and its file, drawn in the layout of Decree 30/2020.

Admins edit them afterwards (a new version, uploaded in the admin); the wording here is the
office's usual wording, with the case's values as placeholders (ttdn/documents/context.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docx.document import Document

from ttdn.documents.defaults import layout as L

PARTICIPANT_HEADERS = ["TT", "Họ và tên", "Chức vụ", "Cơ quan, tổ chức", "Quốc tịch"]
PARTICIPANT_WIDTHS = [1.0, 4.2, 4.0, 4.3, 2.5]
PARTICIPANT_ROWS: list[str | list[str]] = [
    "{%tr for p in participants %}",
    ["{{ loop.index }}", "{{ p.name }}", "{{ p.position }}", "{{ p.organisation }}", "{{ p.country }}"],
    "{%tr endfor %}",
]
CHAIRMAN_BY_DEPUTY = ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
OFFICE = ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]


@dataclass(frozen=True)
class Default:
    code: str
    name: str
    doc_type: str
    symbol: str
    summary: str
    build: Callable[[], Document]
    requires: list[str] = field(default_factory=list)
    language: str = "vi"
    description: str = ""


def _visit_paragraphs(doc: Document) -> None:
    L.body(
        doc,
        "Thời gian: {{ period }}{% if days > 1 %} ({{ days }} ngày){% endif %}. "
        "Hình thức: {{ mode|lower }}. Quốc gia: {{ countries or '...' }}.",
    )
    L.body(
        doc,
        "Cơ quan chủ trì: {{ lead_agency }}{% if co_hosts %}; phối hợp: {{ co_hosts|join(', ') }}{% endif %}.",
    )


def submission() -> Document:
    doc = L.document()
    L.heading(doc)
    L.title(doc, "TỜ TRÌNH")
    L.addressee(doc, "Chủ tịch Ủy ban nhân dân tỉnh")
    L.body(
        doc,
        "{% if request_letter_number %}Căn cứ văn bản số {{ request_letter_number }}"
        "{% if request_letter_date %} ngày {{ request_letter_date }}{% endif %} của "
        "{{ counterpart_vi or counterpart }}; {% endif %}Văn phòng Ủy ban nhân dân tỉnh kính trình "
        "Chủ tịch Ủy ban nhân dân tỉnh về {{ title_inline }} (hồ sơ {{ reference }}) như sau:",
    )
    L.body(doc, "1. Mục đích: {{ (purpose or title).rstrip('.') }}.")
    L.body(
        doc,
        "2. Thành phần: {{ participant_count }} người{% if head %}, do {{ head }} làm trưởng đoàn{% endif %}.",
    )
    _visit_paragraphs(doc)
    L.body(
        doc,
        "3. Ý kiến của Công an tỉnh: {{ review_outcome or 'đang chờ ý kiến' }}"
        "{% if review_conditions %}; điều kiện: {{ review_conditions }}{% endif %}.",
    )
    L.body(
        doc,
        "Văn phòng Ủy ban nhân dân tỉnh kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, cho ý kiến chỉ đạo "
        "việc đón tiếp đoàn theo chương trình kèm theo./.",
    )
    L.closing(
        doc, authority=OFFICE, suggested_recipients=["Như trên", "Lãnh đạo Văn phòng"], archive="Lưu: VT, NG."
    )
    return doc


def police_request() -> Document:
    doc = L.document()
    L.heading(doc, letter=True)
    L.addressee(doc, "Công an tỉnh")
    L.body(
        doc,
        "Văn phòng Ủy ban nhân dân tỉnh nhận được đề nghị về việc {{ title }} (hồ sơ {{ reference }}) "
        "của {{ counterpart_vi or counterpart or 'đối tác nước ngoài' }}.",
    )
    _visit_paragraphs(doc)
    L.body(doc, "Thành phần đoàn gồm {{ participant_count }} người:")
    L.table(doc, PARTICIPANT_HEADERS, PARTICIPANT_WIDTHS, PARTICIPANT_ROWS)
    L.body(
        doc,
        "Để có cơ sở tham mưu Chủ tịch Ủy ban nhân dân tỉnh, Văn phòng Ủy ban nhân dân tỉnh đề nghị Công an "
        "tỉnh cho ý kiến về việc bảo đảm an ninh, bảo vệ bí mật nhà nước trong thời gian đoàn làm việc tại tỉnh./.",
    )
    L.closing(doc, authority=OFFICE, suggested_recipients=["Như trên"], archive="Lưu: VT, NG.")
    return doc


def invitation_vi() -> Document:
    doc = L.document()
    L.heading(doc)
    L.title(doc, "GIẤY MỜI")
    L.text(doc, "Văn phòng Ủy ban nhân dân tỉnh trân trọng kính mời:", align=L.JUSTIFY, indent=True, after=6)
    L.table(doc, PARTICIPANT_HEADERS, PARTICIPANT_WIDTHS, PARTICIPANT_ROWS)
    L.body(doc, "Nội dung: {{ title }}{% if purpose %}: {{ purpose.rstrip('.') }}{% endif %}.")
    L.body(doc, "Thời gian: {{ period }}.")
    L.body(
        doc,
        "Địa điểm: {% if programme %}{{ programme[0]['items'][0]['place'] }}{% else %}sẽ thông báo sau"
        "{% endif %}. Đơn vị chủ trì: {{ lead_agency }}.",
    )
    L.body(doc, "Rất mong Quý vị sắp xếp thời gian tham dự./.")
    L.closing(doc, authority=OFFICE, suggested_recipients=["Như trên"], archive="Lưu: VT, NG.")
    return doc


def invitation_en() -> Document:
    doc = L.document()
    L.heading(doc, letter=False, english=True)
    L.title(doc, "LETTER OF INVITATION", summary="{{ title }}")
    L.text(doc, "Dear {{ head or 'Sir/Madam' }},", before=6, after=6)
    L.body(
        doc,
        "On behalf of the {{ lead_agency }}, we have the honour to invite the delegation of "
        "{{ counterpart or 'your organisation' }} to visit and work in {{ place }} Province from "
        "{{ start_date_en }} to {{ end_date_en }}.",
    )
    L.body(doc, "The delegation consists of the following members:")
    L.table(
        doc,
        ["No.", "Full name", "Position", "Organisation", "Nationality"],
        [1.2, 4.0, 4.0, 4.3, 2.5],
        PARTICIPANT_ROWS,
    )
    L.body(doc, "Purpose of the visit: {{ (purpose or title).rstrip('.') }}.")
    L.body(
        doc,
        "We look forward to welcoming you. Please accept the assurances of our highest consideration.",
    )
    L.closing(
        doc,
        authority=["ON BEHALF OF THE OFFICE", "DEPUTY CHIEF OF OFFICE"],
        suggested_recipients=["As above"],
        archive="Archived: VT, NG.",
        english=True,
    )
    return doc


def reply() -> Document:
    doc = L.document()
    L.heading(doc, letter=True)
    L.addressee(doc, "{{ counterpart_vi or counterpart }}")
    L.body(
        doc,
        "Văn phòng Ủy ban nhân dân tỉnh nhận được văn bản số {{ request_letter_number }}"
        "{% if request_letter_date %} ngày {{ request_letter_date }}{% endif %} của Quý cơ quan về việc "
        "{{ title }}.",
    )
    L.body(
        doc,
        "Về việc này, Văn phòng Ủy ban nhân dân tỉnh trân trọng thông báo: Ủy ban nhân dân tỉnh "
        "{% if decision_number %}đồng ý (văn bản số {{ decision_number }} ngày {{ decision_date }}) để {% endif %}"
        "đoàn làm việc tại tỉnh {{ period }}; {{ lead_agency }} là cơ quan đầu mối phối hợp, hướng dẫn.",
    )
    L.body(doc, "{% if review_conditions %}Đề nghị đoàn lưu ý: {{ review_conditions }}.{% endif %}")
    L.body(doc, "Trân trọng./.")
    L.closing(
        doc, authority=OFFICE, suggested_recipients=["Như trên", "Công an tỉnh"], archive="Lưu: VT, NG."
    )
    return doc


def outbound_decision() -> Document:
    doc = L.document()
    L.heading(doc, body_lines=[("{{ parent_body }}", True)])
    L.title(doc, "QUYẾT ĐỊNH")
    L.text(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", size=14, bold=True, align=L.CENTER, after=12)
    L.body(doc, "Căn cứ Luật Tổ chức chính quyền địa phương;")
    L.body(doc, "Căn cứ quy định về quản lý thống nhất các hoạt động đối ngoại trên địa bàn tỉnh;")
    L.body(doc, "Căn cứ văn bản số {{ decision_number }} ngày {{ decision_date }} về chủ trương cử đoàn;")
    L.body(doc, "Theo đề nghị của {{ lead_agency }}.")
    L.text(doc, "QUYẾT ĐỊNH:", size=14, bold=True, align=L.CENTER, before=6, after=6)
    L.body(
        doc,
        "Điều 1. Cử đoàn công tác gồm {{ participant_count }} người có tên sau đi {{ countries or '...' }} "
        "{{ period }} ({{ days }} ngày, không kể thời gian đi đường):",
    )
    L.table(doc, PARTICIPANT_HEADERS, PARTICIPANT_WIDTHS, PARTICIPANT_ROWS)
    L.body(doc, "Mục đích chuyến đi: {{ (purpose or title).rstrip('.') }}.")
    L.body(doc, "Điều 2. Kinh phí chuyến đi do cơ quan cử người đi chi trả theo quy định hiện hành.")
    L.body(
        doc,
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, "
        "{{ lead_agency }} và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    )
    L.closing(
        doc,
        authority=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        suggested_recipients=["Như Điều 3"],
        archive="Lưu: VT, NG.",
    )
    return doc


def post_visit_report() -> Document:
    doc = L.document()
    L.heading(doc)
    L.title(doc, "BÁO CÁO")
    L.addressee(doc, "Chủ tịch Ủy ban nhân dân tỉnh")
    L.text(doc, "I. THÔNG TIN CHUNG", bold=True, after=6)
    L.body(
        doc,
        "{{ title }} (hồ sơ {{ reference }}), {{ participant_count }} người{% if head %} do {{ head }} dẫn đầu{% endif %}.",
    )
    _visit_paragraphs(doc)
    L.text(doc, "II. KẾT QUẢ", bold=True, after=6)
    L.body(doc, "{{ report_summary }}")
    L.body(doc, "{% if report_outcomes %}{{ report_outcomes }}{% endif %}")
    L.body(doc, "{% if report_agreements %}Văn bản đã ký: {{ report_agreements }}{% endif %}")
    L.text(doc, "III. CÁC VIỆC CẦN TIẾP TỤC THỰC HIỆN", bold=True, after=6)
    L.table(
        doc,
        ["TT", "Nội dung", "Đơn vị, người thực hiện", "Thời hạn"],
        [1.0, 7.5, 5.0, 2.5],
        [
            "{%tr for f in followups %}",
            ["{{ loop.index }}", "{{ f.title }}", "{{ f.assignee }}", "{{ f.due }}"],
            "{%tr endfor %}",
        ],
    )
    L.body(doc, "Văn phòng Ủy ban nhân dân tỉnh kính báo cáo Chủ tịch Ủy ban nhân dân tỉnh./.")
    L.closing(
        doc,
        authority=OFFICE,
        suggested_recipients=["Như trên", "Công an tỉnh", "Sở Ngoại vụ"],
        archive="Lưu: VT, NG.",
    )
    return doc


def programme() -> Document:
    doc = L.document()
    L.heading(doc)
    L.title(doc, "CHƯƠNG TRÌNH")
    L.text(doc, "({{ period|capitalize }})", italic=True, align=L.CENTER, after=12)
    L.table(
        doc,
        ["Thời gian", "Nội dung", "Địa điểm", "Thành phần phía Việt Nam"],
        [3.0, 5.3, 4.2, 3.5],
        [
            "{%tr for day in programme %}",
            "{{ day.weekday }}, {{ day.date_words }}",
            "{%tr for item in day['items'] %}",
            [
                "{{ item.start }} - {{ item.end }}",
                "{{ item.activity }}",
                "{{ item.place }}",
                "{{ item.hosts }}",
            ],
            "{%tr endfor %}",
            "{%tr endfor %}",
        ],
    )
    L.body(doc, "Cơ quan chủ trì: {{ lead_agency }}. Cán bộ phụ trách: {{ responsible_officer or '...' }}.")
    L.closing(
        doc,
        authority=OFFICE,
        suggested_recipients=["{{ lead_agency }}", "Công an tỉnh"],
        archive="Lưu: VT, NG.",
    )
    return doc


DEFAULTS: tuple[Default, ...] = (
    Default(
        "submission",
        "Tờ trình xin chủ trương đón đoàn",
        "TTr",
        "TTr-VP",
        "Về việc {{ title_inline }}",
        submission,
    ),
    Default(
        "police_request",
        "Công văn đề nghị Công an tỉnh cho ý kiến",
        "CV",
        "VP-NG",
        "đề nghị cho ý kiến về {{ title_inline }}",
        police_request,
        requires=["participants"],
    ),
    Default(
        "invitation_vi",
        "Giấy mời (tiếng Việt)",
        "GM",
        "GM-VP",
        "Mời dự chương trình làm việc: {{ title }}",
        invitation_vi,
        requires=["participants"],
    ),
    Default(
        "invitation_en",
        "Thư mời (tiếng Anh)",
        "CV",
        "VP-NG",
        "Letter of invitation: {{ title }}",
        invitation_en,
        requires=["participants"],
        language="en",
    ),
    Default(
        "reply",
        "Công văn trả lời đề nghị",
        "CV",
        "VP-NG",
        "trả lời đề nghị của {{ counterpart_vi or counterpart or title }}",
        reply,
        requires=["request_letter"],
    ),
    Default(
        "outbound_decision",
        "Quyết định cử đoàn ra nước ngoài",
        "QĐ",
        "QĐ-UBND",
        "Về việc cử đoàn đi {{ countries or 'nước ngoài' }}",
        outbound_decision,
        requires=["decision", "participants"],
    ),
    Default(
        "post_visit_report",
        "Báo cáo kết quả đón đoàn",
        "BC",
        "BC-VP",
        "Kết quả đón tiếp, làm việc với {{ title_inline }}",
        post_visit_report,
        requires=["post_visit_report"],
    ),
    Default(
        "programme",
        "Chương trình làm việc của đoàn",
        "CTr",
        "CTr-VP",
        "Chương trình làm việc của {{ title_inline }}",
        programme,
        requires=["programme"],
    ),
)

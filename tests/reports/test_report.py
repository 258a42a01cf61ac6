"""The periodic report on a known set of cases: every figure, the same through the service, the
page, the command and each export format; and only what the reader may see."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from press.models import Coverage
from tests.factories import (
    approve,
    make_agency,
    make_delegation,
    make_outbound_trip,
    make_press_visit,
    person_data,
)
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, Case, FollowUp
from ttdn.cases.services.cases import ParticipantData
from ttdn.cases.services.followups import followup_close, followup_create
from ttdn.cases.services.workflow import case_submit, case_transition
from ttdn.reports.case_table import columns
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures

pytestmark = pytest.mark.django_db
D = datetime.date
Q3 = {"year": "2026", "quarter": "3"}


def _people(*rows: tuple[str, str, str, str]) -> list[ParticipantData]:
    return [
        ParticipantData(person_data(name, nationality, passport), role=role)
        for name, nationality, passport, role in rows
    ]


TANAKA = ("Tanaka Hiroshi", "JP", "TK0000001", "head")  # in two delegations: one visitor


@pytest.fixture
def known(make_user, protocol, leader):
    """Q3 2026 (the period), Q2 2026 (the one before), and cases that must not count (a draft, a
    cancelled and a rejected visit in the period, one after it)."""
    host, other = make_agency(code="so-ngoai-vu"), make_agency(code="so-cong-thuong")
    d1 = make_delegation(actor=protocol, lead_agency=host, start=D(2026, 7, 10), countries=["JP"], participants=0,
                         delegation_kind="government")  # fmt: skip
    d2 = make_delegation(actor=protocol, lead_agency=host, start=D(2026, 8, 5), countries=["KR"], participants=0,
                         delegation_kind="diplomatic")  # fmt: skip
    d3 = make_delegation(actor=protocol, lead_agency=host, start=D(2026, 9, 1), countries=["US"], participants=0,
                         delegation_kind="ngo", mode="online")  # fmt: skip
    o1 = make_outbound_trip(
        actor=protocol, lead_agency=other, start=D(2026, 9, 10), countries=["LA"], members=2
    )
    press = make_press_visit(actor=protocol, lead_agency=host, start=D(2026, 8, 15))
    cancelled = make_delegation(actor=protocol, lead_agency=host, start=D(2026, 8, 20), countries=["JP"])
    rejected = make_delegation(actor=protocol, lead_agency=host, start=D(2026, 7, 20), countries=["FR"])
    before = make_delegation(
        actor=protocol, lead_agency=host, start=D(2026, 6, 20), countries=["DE"], participants=0
    )
    make_delegation(
        actor=protocol, lead_agency=host, start=D(2026, 10, 5), countries=["CN"]
    )  # after the period
    make_delegation(actor=protocol, lead_agency=host, start=D(2026, 8, 25), countries=["JP"])  # a draft

    from ttdn.cases.services.cases import CaseData, case_update

    def staff(case: Case, *rows: tuple[str, str, str, str]) -> None:
        case_update(actor=protocol, case=case, data=CaseData(fields={}, co_host_agencies=[],
                                                               participants=_people(*rows)))  # fmt: skip

    staff(
        d1,
        TANAKA,
        ("Suzuki Ichiro", "JP", "TK0000002", "member"),
        ("Nguyễn Văn Dịch", "VN", "", "interpreter"),
    )
    staff(d2, TANAKA, ("Kim Min-jun", "KR", "KR0000001", "head"))
    staff(d3, ("John Smith", "US", "US0000001", "head"))
    staff(before, ("Hans Müller", "DE", "DE0000001", "head"))
    for case in (d1, d2, d3, o1, press, before):  # a visit counts once approved
        approve(case, leader=leader)
    case_transition(actor=protocol, case=cancelled, name="cancel", reason="Đối tác hoãn")
    case_transition(
        actor=leader, case=case_submit(actor=protocol, case=rejected), name="reject", reason="Không phù hợp"
    )
    Coverage.objects.create(case=press, title="Tuyên Quang mùa lúa", outlet="NHK", published_on=D(2026, 9, 1),
                            language="ja", recorded_by=protocol)  # fmt: skip

    done = followup_create(
        actor=protocol, case=d1, title="Gửi thư cảm ơn", due_date=D(2026, 7, 20), assignee_agency=host
    )
    followup_close(actor=protocol, followup=done, status="done", result="Đã gửi")
    late = followup_create(
        actor=protocol, case=d1, title="Gửi ảnh", due_date=D(2026, 8, 1), assignee_agency=host
    )
    closed_later = followup_create(
        actor=protocol, case=d2, title="Gửi biên bản", due_date=D(2026, 9, 1), assignee_agency=host
    )
    followup_close(actor=protocol, followup=closed_later, status="done", result="Đã gửi")
    FollowUp.objects.filter(pk=closed_later.pk).update(
        closed_at=datetime.datetime(2026, 10, 10, 9, tzinfo=datetime.UTC)
    )
    not_counted = followup_create(
        actor=protocol, case=cancelled, title="Không tính", due_date=D(2026, 8, 1), assignee_agency=host
    )
    FollowUp.objects.filter(pk__in=[done.pk, late.pk, closed_later.pk, not_counted.pk]).update(
        created_at=datetime.datetime(2026, 7, 15, 9, tzinfo=datetime.UTC)
    )
    FollowUp.objects.filter(pk=done.pk).update(
        closed_at=datetime.datetime(2026, 7, 18, 9, tzinfo=datetime.UTC)
    )
    return {"host": host, "other": other, "outbound": o1, "press": press}


EXPECTED = {
    "period": {"start": "2026-07-01", "end": "2026-09-30"},
    "cases": 5,
    "inbound_delegations": 2,
    "foreign_visitors": 3,  # Tanaka once, Suzuki, Kim; the Vietnamese interpreter is not a visitor
    "online_meetings": 1,
    "outbound_delegations": 1,
    "officials": 2,
    "press_visits": 1,
    "reporters": 1,
    "coverage": 1,
    "by_country": [
        {"country": "JP", "cases": 2, "visitors": 3},
        {"country": "KR", "cases": 1, "visitors": 1},
        {"country": "LA", "cases": 1, "visitors": 0},
        {"country": "US", "cases": 1, "visitors": 0},
    ],
    "by_kind": [
        {"kind": "diplomatic", "cases": 1, "visitors": 2},
        {"kind": "government", "cases": 1, "visitors": 2},
        {"kind": "ngo", "cases": 1, "visitors": 0},
        {"kind": "outbound", "cases": 1, "visitors": 0},  # an outbound delegation is its own sort
        {"kind": "press", "cases": 1, "visitors": 1},
    ],
    "by_month": [
        {"month": "2026-07", "cases": 1, "visitors": 2},
        {"month": "2026-08", "cases": 2, "visitors": 3},
        {"month": "2026-09", "cases": 2, "visitors": 0},
    ],
    # Opened in the quarter: three (the cancelled visit's does not count); done in it: one; overdue at
    # its end: the open one, and the one closed only in October.
    "follow_ups": {"opened": 3, "done": 1, "overdue": 2},
}


def _check(figures: dict, known: dict) -> None:
    for key, value in EXPECTED.items():
        got = figures[key]
        if key == "by_kind":  # the labels are in the reader's language
            got = [{k: v for k, v in entry.items() if k != "label"} for entry in got]
        assert got == value, key
    assert [(e["agency"], e["cases"]) for e in figures["by_lead_agency"]] == [
        ("so-ngoai-vu", 4),
        ("so-cong-thuong", 1),
    ]
    previous = figures["previous"]
    assert previous["period"] == {"start": "2026-04-01", "end": "2026-06-30"}
    assert (previous["cases"], previous["inbound_delegations"], previous["foreign_visitors"]) == (1, 1, 1)


def test_every_figure_of_the_quarter(known, protocol) -> None:
    _check(report_figures(protocol, Period.of_quarter(2026, 3)), known)


def test_the_page_shows_the_same_figures(known, protocol, client) -> None:
    client.force_login(protocol)
    response = client.get(reverse("reports:report"), Q3)
    assert response.status_code == 200
    _check(response.context["figures"], known)
    content = response.content.decode()
    assert "Quý 3/2026" in content
    # Every figure says what it counts.
    assert "Cách tính từng chỉ tiêu" in content
    assert len(response.context["definitions"]) == len(response.context["summary"])
    assert "kể từ khi được phê duyệt" in content
    assert "một cán bộ đi hai đoàn tính là một" in content


def test_the_command_prints_the_same_json(known, protocol, capsys) -> None:
    call_command("report", "--year", "2026", "--quarter", "3", "--as", protocol.username)
    _check(json.loads(capsys.readouterr().out), known)

    call_command("report", "--start", "2026-07-01", "--end", "2026-09-30", "--as", protocol.username)
    assert json.loads(capsys.readouterr().out)["inbound_delegations"] == 2


def _summary(rows: list[list[str]]) -> dict[str, int]:
    return {row[0]: int(row[1]) for row in rows}


def test_each_export_carries_the_same_figures(known, protocol, client, tmp_path) -> None:
    client.force_login(protocol)
    url = lambda fmt: reverse("reports:export", kwargs={"what": "figures", "fmt": fmt})  # noqa: E731

    response = client.get(url("csv"), Q3)
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Bảng", "Mã", "Chỉ tiêu", "Kỳ này", "Kỳ trước"]  # in the reader's language
    summary = {row[1]: (int(row[3]), int(row[4])) for row in rows if row[0] == "Chỉ tiêu chính"}
    assert summary["inbound_delegations"] == (2, 1)
    assert summary["foreign_visitors"] == (3, 1)
    assert summary["online_meetings"] == (1, 0)
    assert summary["reporters"] == (1, 0)
    assert summary["follow_ups.overdue"][0] == 2
    assert ["Theo quốc gia", "JP", "JP · Nhật Bản", "2", "3"] in rows

    workbook = load_workbook(io.BytesIO(client.get(url("xlsx"), Q3).content))
    first = [list(row) for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)]
    # cases; inbound, visitors, outbound, officials; press, reporters, coverage; conferences,
    # their foreign participants; online meetings
    assert [row[1] for row in first][:11] == [5, 2, 3, 1, 2, 1, 1, 1, 0, 0, 1]
    assert workbook.worksheets[1]["B2"].value == 2  # by country: Japan, two cases
    assert workbook.worksheets[-1].title == "Cách tính"
    assert workbook.worksheets[-1].max_row == len(first) + 1

    pdf = client.get(url("pdf"), Q3)
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "TỈNH TUYÊN QUANG" in text  # the province's heading, with its diacritics
    assert "Đoàn vào" in text or "đoàn vào" in text
    assert "Quý 3/2026" in text
    assert "Cách tính từng chỉ tiêu" in text

    call_command("report", "--year", "2026", "--quarter", "3", "--as", protocol.username,
                 "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"))  # fmt: skip
    again = load_workbook(tmp_path / "r.xlsx")
    assert [row[1] for row in again.worksheets[0].iter_rows(min_row=2, values_only=True)][:11] == [
        5, 2, 3, 1, 2, 1, 1, 1, 0, 0, 1
    ]  # fmt: skip
    assert AccessLog.objects.filter(user=protocol, action=AccessLog.Action.EXPORT).count() == 3


def test_a_departments_report_covers_only_its_cases(known, make_user, client) -> None:
    staff = make_user(Role.AGENCY, agency=known["other"])
    figures = report_figures(staff, Period.of_quarter(2026, 3))
    assert (figures["cases"], figures["outbound_delegations"], figures["inbound_delegations"]) == (1, 1, 0)

    client.force_login(staff)
    url = lambda fmt: reverse("reports:export", kwargs={"what": "cases", "fmt": fmt})  # noqa: E731
    rows = list(csv.DictReader(io.StringIO(client.get(url("csv"), Q3).content.decode("utf-8-sig"))))
    assert [row["Số hồ sơ"] for row in rows] == [known["outbound"].reference]
    # Nothing of the cases it may not see, in any format.
    hidden = Case.objects.exclude(pk=known["outbound"].pk).values_list("reference", flat=True)
    sheet = load_workbook(io.BytesIO(client.get(url("xlsx"), Q3).content)).worksheets[0]
    cells = " ".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)
    pdf = PdfReader(io.BytesIO(client.get(url("pdf"), Q3).content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert known["outbound"].reference in cells and known["outbound"].reference in text
    for reference in hidden:
        assert reference not in cells and reference not in text
    assert "Tanaka" not in cells + text
    logged = AccessLog.objects.filter(user=staff, action=AccessLog.Action.EXPORT)
    assert set(logged.values_list("case", flat=True)) == {known["outbound"].pk}


def test_the_case_list_masks_passports_for_who_may_not_see_them(known, make_user, protocol, client) -> None:
    from tests.factories import police_officer

    staff = make_user(Role.AGENCY, agency=known["host"])
    url = lambda fmt: reverse("reports:export", kwargs={"what": "cases", "fmt": fmt})  # noqa: E731

    client.force_login(protocol)
    assert "TK0000001" in client.get(url("csv"), Q3).content.decode("utf-8-sig")
    # The police see the passports of the cases referred to them (all of these were).
    client.force_login(police_officer())
    assert "TK0000001" in client.get(url("csv"), Q3).content.decode("utf-8-sig")
    client.force_login(staff)
    masked = client.get(url("csv"), Q3).content.decode("utf-8-sig")
    assert "TK0000001" not in masked
    assert "•••001" in masked
    sheet = load_workbook(io.BytesIO(client.get(url("xlsx"), Q3).content)).worksheets[0]
    cells = " ".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)
    pdf = PdfReader(io.BytesIO(client.get(url("pdf"), Q3).content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "TK0000001" not in cells + text
    assert "•••001" in cells and "001" in text


def test_who_has_no_role_gets_no_report(client, make_user) -> None:
    assert client.get(reverse("reports:report")).status_code == 302
    client.force_login(make_user())
    assert client.get(reverse("reports:report")).status_code == 403
    assert client.get(reverse("reports:export", kwargs={"what": "cases", "fmt": "csv"})).status_code == 403


def test_a_bad_period_is_explained_and_exports_nothing(client, protocol) -> None:
    client.force_login(protocol)
    page = client.get(reverse("reports:report"), {"start": "01/10/2026", "end": "01/09/2026"})
    assert page.status_code == 200
    assert "figures" not in page.context
    assert client.get(reverse("reports:export", kwargs={"what": "figures", "fmt": "pdf"}),
                      {"start": "01/10/2026"}).status_code == 404  # fmt: skip
    assert not AccessLog.objects.exists()


def test_the_page_opens_on_the_last_quarter(client, leader) -> None:
    from django.utils import timezone

    client.force_login(leader)
    response = client.get(reverse("reports:report"))
    assert response.status_code == 200
    assert response.context["period"] == Period.last_quarter(timezone.localdate())


def test_the_case_list_in_each_format(known, protocol, client, capsys) -> None:
    client.force_login(protocol)
    url = lambda fmt: reverse("reports:export", kwargs={"what": "cases", "fmt": fmt})  # noqa: E731
    references = sorted(Case.objects.filter(start_date__range=(D(2026, 7, 1), D(2026, 9, 30)))
                        .filter(status__in=Case.COUNTED).values_list("reference", flat=True))  # fmt: skip
    d1 = Case.objects.get(start_date=D(2026, 7, 10))

    sheet = load_workbook(io.BytesIO(client.get(url("xlsx"), Q3).content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Số hồ sơ")
    assert sorted(row[column] for row in sheet.iter_rows(min_row=2, values_only=True)) == references
    assert sheet.cell(row=2, column=header.index("Ngày bắt đầu") + 1).number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["F"].width > 20
    row = dict(zip(header, next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[column] == d1.reference),
                   strict=True))  # fmt: skip
    assert (row["Loại hồ sơ"], row["Đoàn vào/đoàn ra"], row["Loại đoàn"], row["Hình thức"]) == (
        "Đoàn ra, đoàn vào", "Đoàn vào", "Chính phủ", "Trực tiếp",
    )  # fmt: skip
    assert (row["Quốc gia"], row["Trạng thái"]) == ("Nhật Bản", "Đã phê duyệt")
    assert row["Cơ quan chủ trì"] == known["host"].name_vi
    assert "Tanaka Hiroshi | Nhật Bản | TK0000001 | Trưởng đoàn" in row[header[-1]]

    pdf = PdfReader(io.BytesIO(client.get(url("pdf"), Q3).content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "DANH SÁCH HỒ SƠ" in text
    assert all(reference in text for reference in references)
    assert "Đã phê duyệt" in text.replace("\n", " ") and "Nhật Bản" in text
    box = pdf.pages[0].mediabox
    assert box.width > box.height  # landscape

    call_command("report", "--year", "2026", "--quarter", "3", "--cases", "--as", protocol.username)
    assert sorted(row["reference"] for row in json.loads(capsys.readouterr().out)) == references


def test_the_case_list_in_english(known, protocol, client) -> None:
    protocol.preferred_language = "en"
    protocol.save(update_fields=["preferred_language"])
    client.force_login(protocol)
    response = client.get(reverse("reports:export", kwargs={"what": "cases", "fmt": "csv"}), Q3)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["Countries"] == "Japan")
    assert (row["Inbound or outbound"], row["Status"], row["Start date"]) == (
        "Inbound",
        "Approved",
        "10/07/2026",
    )


def test_a_long_case_list_repeats_its_header_and_never_splits_a_row() -> None:
    from ttdn.reports.exports import cases_pdf

    people = "; ".join(f"Người số {n} | Nhật Bản | •••{n:03d} | Thành viên" for n in range(6))
    rows = [
        {"reference": f"DV-2026-{n:04d}", "kind": "Đoàn ra, đoàn vào", "direction": "Đoàn vào",
         "delegation_kind": "Chính phủ", "mode": "Trực tiếp", "title": f"Đoàn số {n} làm việc về hợp tác",
         "countries": "Nhật Bản", "counterpart_name": "Tỉnh Gunma", "start_date": D(2026, 7, 1),
         "end_date": D(2026, 7, 3), "lead_agency": "Sở Ngoại vụ", "status": "Đã phê duyệt",
         "participants": f"Trưởng đoàn {n:02d} | Nhật Bản | •••{n:03d} | Trưởng đoàn; {people}; Người cuối {n:02d} | Nhật Bản | | Thành viên"}
        for n in range(1, 61)
    ]  # fmt: skip
    with translation.override("vi"):
        pdf = PdfReader(io.BytesIO(cases_pdf(rows, Period.of_quarter(2026, 3))))

    assert len(pdf.pages) > 3
    texts = [page.extract_text() for page in pdf.pages]
    for number, text in enumerate(texts, start=1):
        assert "Số hồ sơ" in text and "Thành phần" in text  # the header row on every page
        assert f"{number}/{len(texts)}" in text  # the page number
    for n, row in enumerate(rows, start=1):  # a case's first and last participant: on its page
        (page,) = [text for text in texts if str(row["reference"]) in text]
        assert f"Trưởng đoàn {n:02d}" in page and f"Người cuối {n:02d}" in page


def test_exports_do_not_let_a_spreadsheet_run_a_formula(protocol, client) -> None:
    approve(make_delegation(actor=protocol, start=D(2026, 8, 3), title='=HYPERLINK("http://x","y")'))
    client.force_login(protocol)
    url = lambda fmt: reverse("reports:export", kwargs={"what": "cases", "fmt": fmt})  # noqa: E731

    rows = list(csv.DictReader(io.StringIO(client.get(url("csv"), Q3).content.decode("utf-8-sig"))))
    assert rows[0]["Tiêu đề"] == '\'=HYPERLINK("http://x","y")'
    sheet = load_workbook(io.BytesIO(client.get(url("xlsx"), Q3).content)).worksheets[0]
    title = sheet.cell(row=2, column=columns().index("title") + 1)
    assert (title.value, title.data_type) == ('=HYPERLINK("http://x","y")', "s")


def test_the_case_list_reads_as_many_queries_for_many_cases_as_for_few(
    protocol, django_assert_num_queries
) -> None:
    from tests.factories import police_officer
    from ttdn.cases.selectors import cases_visible_to
    from ttdn.reports.case_table import case_rows

    officer = police_officer()
    for n in range(2):
        approve(make_delegation(actor=protocol, start=D(2026, 8, 1 + n)))
    counts = []
    for user in (protocol, officer):
        for more in (0, 6):
            for n in range(more):
                approve(make_delegation(actor=protocol, start=D(2026, 8, 10 + n)))
            cases = cases_visible_to(user)
            with (
                translation.override("vi"),
                django_assert_num_queries(6 if user == officer else 5) as queries,
            ):
                rows = case_rows(user, cases, readable=True)
            assert len(rows) == cases.count()
            counts.append(len(queries))
    assert counts[0] == counts[1] and counts[2] == counts[3], counts

"""Importing old delegation logs: every bad row reported with its number and nothing written; the
corrected file imported whole, reusing known people and organisations; exported again, the same."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from delegations.imports import check_rows, read_table
from tests.factories import make_agency, make_delegation, person_data
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, Organisation, Person
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update
from ttdn.reports.case_columns import columns, headers

pytestmark = pytest.mark.django_db
ROWS = 1000
BAD_ROWS = {57: "Start date", 400: "Lead agency", 999: "Participants (name | nationality | passport | role)"}
NATIONS = ["JP", "KR", "LA", "TH", "FR"]
STATUSES = ["closed", "reported", "completed"]


def _row(n: int) -> dict[str, str]:
    start = datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 360)
    first, second = n % 40, (n + 7) % 40
    return {
        "reference": f"DV-2025-{n + 1:04d}",
        "kind": "delegation",
        "direction": "inbound",  # outbound delegations are not imported (outbound/)
        "delegation_kind": ["government", "diplomatic", "business", "experts"][n % 4],
        "mode": "online" if n % 10 == 3 else "in_person",
        "title": f"Đoàn số {n + 1} làm việc về hợp tác",
        "purpose": "Trao đổi hợp tác",
        "countries": NATIONS[n % 5] if n % 3 else ",".join(sorted({NATIONS[n % 5], "KR"})),
        "counterpart_name": f"Đối tác {n % 5}",
        "counterpart_kind": "government",
        "counterpart_country": NATIONS[n % 5],
        "start_date": start.strftime("%d/%m/%Y"),
        "end_date": (start + datetime.timedelta(days=2)).strftime("%d/%m/%Y"),
        "lead_agency": "so-ngoai-vu" if n % 2 else "so-cong-thuong",
        "co_host_agencies": ("so-cong-thuong" if n % 2 else "so-ngoai-vu") if n % 5 == 1 else "",
        "status": STATUSES[n % 3],
        "participants": (
            f"Person {first} | {NATIONS[first % 5]} | P{first:07d} | head; "
            f"Person {second} | {NATIONS[second % 5]} | P{second:07d} | member"
        ),
    }


def _xlsx(rows: list[dict[str, str]], header: list[str] | None = None) -> bytes:
    """A workbook of ``rows`` (codes), under the headers of the template in English by default."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or headers())
    for row in rows:
        sheet.append([row[column] for column in columns()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def setting(protocol):
    make_agency(code="so-ngoai-vu")
    make_agency(code="so-cong-thuong")
    # Already known: one of the file's people (by passport) and one of its counterparts.
    known = make_delegation(actor=protocol, start=datetime.date(2024, 5, 1), participants=0)
    case_update(actor=protocol, case=known, data=CaseData(
        fields={}, participants=[ParticipantData(person_data("Person 3", "TH", "P0000003"))]))  # fmt: skip
    Organisation.objects.create(name="Đối tác 2", kind="government", country="LA")
    good = [_row(n) for n in range(ROWS)]
    bad = [dict(row) for row in good]
    bad[57 - 2]["start_date"] = "31/02/2025"
    bad[400 - 2]["lead_agency"] = "so-khong-co"
    bad[999 - 2]["participants"] = "Person 1 | XX | P0000001 | head"
    return good, bad


def test_a_thousand_rows_with_three_bad_ones_report_exactly_those_and_write_nothing(
    setting, protocol
) -> None:
    _good, bad = setting
    before = (Case.objects.count(), Person.objects.count(), Organisation.objects.count())

    check = check_rows(*read_table(_xlsx(bad), "old-logs.xlsx"))

    assert not check.ok
    assert {row.number: row.problems for row in check.bad_rows}.keys() == BAD_ROWS.keys()
    for row in check.bad_rows:  # each problem names its row and its column as the file heads it
        prefix = f"Row {row.number}, column «{BAD_ROWS[row.number]}»: "
        assert all(problem.startswith(prefix) for problem in row.problems), row.problems
    with pytest.raises(CommandError, match="3 row"):
        call_command("import_cases", str(_saved(bad)), "--as", protocol.username)
    assert (Case.objects.count(), Person.objects.count(), Organisation.objects.count()) == before


def _saved(rows: list[dict[str, str]], name: str = "logs.xlsx") -> object:
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / name
    path.write_bytes(_xlsx(rows))
    return path


def _as_imported(references: list[str]) -> dict[str, tuple[object, ...]]:
    """What an import made of each case, comparable across two imports."""
    found: dict[str, tuple[object, ...]] = {}
    for case in (
        Case.objects.filter(reference__in=references)
        .select_related("delegation", "counterpart", "lead_agency")
        .prefetch_related("co_host_agencies", "participants__person")
    ):
        counterpart = case.counterpart
        found[case.reference] = (
            case.kind, case.direction, case.delegation.delegation_kind, case.mode, case.title, case.purpose,
            sorted(str(c) for c in case.countries),
            counterpart and (counterpart.name, counterpart.kind, str(counterpart.country)),
            case.start_date, case.end_date, case.lead_agency.code,
            sorted(a.code for a in case.co_host_agencies.all()), case.status,
            [(p.person.full_name, str(p.person.nationality), p.person.passport_number, p.role)
             for p in case.participants.order_by("pk")],
        )  # fmt: skip
    return found


def _delete(references: list[str]) -> None:
    from ttdn.cases.models import Participant

    Participant.objects.filter(case__reference__in=references).delete()
    Case.objects.filter(reference__in=references).delete()


def test_the_corrected_file_imports_whole_and_its_export_imports_back(setting, protocol, client) -> None:
    good, _bad = setting
    people_before = Person.objects.count()

    call_command("import_cases", str(_saved(good)))  # as the first protocol user

    references = [row["reference"] for row in good]
    imported = Case.objects.filter(reference__in=references)
    assert imported.count() == ROWS
    # 40 people in the file, one of them known already; 5 counterparts, one known already.
    assert Person.objects.count() == people_before + 39
    assert Organisation.objects.filter(name__startswith="Đối tác").count() == 5
    assert Case.objects.get(reference="DV-2025-0002").participants.count() == 2
    first = _as_imported(references)

    # Exported as a Vietnamese reader sees it: headers, kinds, statuses, countries and agencies
    # by their Vietnamese names.
    client.force_login(protocol)
    response = client.get(reverse("reports:export", kwargs={"what": "cases", "fmt": "csv"}),
                          {"start": "01/01/2025", "end": "31/12/2025"})  # fmt: skip
    assert response.content.startswith("\ufeff".encode())  # the BOM: Excel reads it as UTF-8
    exported = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(exported) == ROWS
    second = next(row for row in exported if row["Số hồ sơ"] == "DV-2025-0002")
    assert second["Đoàn vào/đoàn ra"] == "Đoàn vào"
    assert second["Trạng thái"] == "Đã báo cáo"
    assert second["Quốc gia"] == "Hàn Quốc"
    assert (
        "Hàn Quốc | P0000001 | Trưởng đoàn"
        in second["Thành phần đoàn (họ tên | quốc tịch | hộ chiếu | vai trò)"]
    )

    # Imported back (the cases gone first): the same cases.
    _delete(references)
    page = client.post(
        reverse("delegations:import"), {"file": SimpleUploadedFile("export.csv", response.content)}
    )
    assert page.context["check"].ok, page.context["check"].bad_rows[:3]
    client.post(
        reverse("delegations:import_confirm"), {"token": client.session["delegation_import"]["token"]}
    )
    assert _as_imported(references) == first


def test_an_english_xlsx_export_imports_back(setting, protocol, client) -> None:
    good, _bad = setting
    rows = good[:30]
    call_command("import_cases", str(_saved(rows)), "--as", protocol.username)
    references = [row["reference"] for row in rows]
    first = _as_imported(references)
    protocol.preferred_language = "en"
    protocol.save(update_fields=["preferred_language"])
    client.force_login(protocol)

    response = client.get(reverse("reports:export", kwargs={"what": "cases", "fmt": "xlsx"}),
                          {"start": "01/01/2025", "end": "31/12/2025"})  # fmt: skip
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]][:3] == ["Reference", "Kind of case", "Inbound or outbound"]
    assert sheet.freeze_panes == "A2"
    _delete(references)
    check = check_rows(*read_table(response.content, "export.xlsx"))
    assert check.ok, check.bad_rows[:3]
    from delegations.imports import import_delegations

    import_delegations(actor=protocol, check=check)
    assert _as_imported(references) == first


def test_a_template_typed_with_vietnamese_values_imports(setting, protocol, client) -> None:
    """Labels as a person types them (any letter case, the Vietnamese letters decomposed as some
    keyboards send them), names of countries and agencies, or the codes: all are read."""
    import unicodedata

    from openpyxl import load_workbook

    from ttdn.accounts.models import Agency

    Agency.objects.filter(code="so-ngoai-vu").update(name_vi="Sở Ngoại vụ")
    client.force_login(protocol)
    template = load_workbook(io.BytesIO(client.get(reverse("delegations:import_template")).content))
    sheet = template.worksheets[0]
    example = [cell.value for cell in sheet[2]]
    sheet.delete_rows(2)
    typed = {
        "Loại hồ sơ": "đoàn ra, đoàn vào", "Đoàn vào/đoàn ra": "đoàn vào", "Loại đoàn": "Doanh nghiệp, nhà đầu tư",
        "Hình thức": "online", "Tiêu đề": "Đoàn công tác xúc tiến đầu tư", "Mục đích": "",
        "Quốc gia": "Nhật Bản; Hàn Quốc", "Đối tác": "JETRO", "Loại đối tác": "Tổ chức quốc tế",
        "Quốc gia của đối tác": "JP", "Ngày bắt đầu": "10/03/2025", "Ngày kết thúc": datetime.date(2025, 3, 12),
        "Cơ quan chủ trì": unicodedata.normalize("NFD", "sở ngoại vụ"), "Cơ quan phối hợp": "so-cong-thuong",
        "Trạng thái": "Đã đóng", "Số hồ sơ": "",
        "Thành phần đoàn (họ tên | quốc tịch | hộ chiếu | vai trò)":
            "Trần Văn Một | Việt Nam |  | Cán bộ Việt Nam; Sato Ken | Nhật Bản | TK1234567 | phiên dịch",
    }  # fmt: skip
    header = [cell.value for cell in sheet[1]]
    assert set(typed) == set(header)
    sheet.append([typed[name] for name in header])
    sheet.append(example)  # the template's own example row imports too
    buffer = io.BytesIO()
    template.save(buffer)

    page = client.post(
        reverse("delegations:import"), {"file": SimpleUploadedFile("mau.xlsx", buffer.getvalue())}
    )
    assert page.context["check"].ok, [row.problems for row in page.context["check"].bad_rows]
    client.post(
        reverse("delegations:import_confirm"), {"token": client.session["delegation_import"]["token"]}
    )

    case = Case.objects.get(title="Đoàn công tác xúc tiến đầu tư")
    assert (case.direction, case.delegation.delegation_kind, case.mode, case.status) == (
        "inbound", "business", "online", "closed",
    )  # fmt: skip
    assert [str(c) for c in case.countries] == ["JP", "KR"]
    assert case.counterpart is not None
    assert (case.counterpart.kind, str(case.counterpart.country)) == ("international_organisation", "JP")
    assert case.lead_agency.code == "so-ngoai-vu"
    assert [a.code for a in case.co_host_agencies.all()] == ["so-cong-thuong"]
    people = [
        (p.person.full_name, str(p.person.nationality), p.role) for p in case.participants.order_by("pk")
    ]
    assert people == [("Trần Văn Một", "VN", "official"), ("Sato Ken", "JP", "interpreter")]
    assert Case.objects.filter(title="Đoàn Sở Ngoại vụ tỉnh Gyeonggi", status="closed").exists()


def test_a_wrong_value_is_named_by_its_row_and_visible_column_and_nothing_is_written(
    setting, protocol, client
) -> None:
    good, _bad = setting
    rows = [dict(row) for row in good[:3]]
    rows[1]["participants"] = "Sato Ken | Nhật Bổn | TK1234567 | head"
    rows[2]["status"] = "Đã xong"
    with translation.override("vi"):
        content = _xlsx(rows, headers())
    client.force_login(protocol)

    page = client.post(reverse("delegations:import"), {"file": SimpleUploadedFile("mau.xlsx", content)})

    text = page.content.decode()
    assert "Dòng 3, cột «Thành phần đoàn (họ tên | quốc tịch | hộ chiếu | vai trò)»" in text
    assert "Nhật Bổn" in text
    assert "Dòng 4, cột «Trạng thái»: “Đã xong”" in text
    assert "Đã đóng" in text  # the allowed statuses are named
    assert not Case.objects.filter(reference__in=[row["reference"] for row in rows]).exists()
    assert "delegation_import" not in client.session


def test_the_next_new_case_does_not_take_an_imported_number(setting, protocol) -> None:
    from django.utils import timezone

    year = timezone.localdate().year
    row = {**setting[0][1], "reference": f"DV-{year}-0005"}
    call_command("import_cases", str(_saved([row])), "--as", protocol.username)

    new = make_delegation(actor=protocol)
    assert new.reference.startswith(f"DV-{year}-")
    assert int(new.reference.rsplit("-", 1)[1]) > 5


def test_the_import_page_previews_then_imports_all(setting, protocol, client) -> None:
    good, bad = setting
    client.force_login(protocol)
    url = reverse("delegations:import")

    page = client.post(url, {"file": SimpleUploadedFile("bad.xlsx", _xlsx(bad[:60]))})
    assert page.status_code == 200
    assert [row.number for row in page.context["check"].bad_rows] == [57]
    assert "Chưa nhập dòng nào" in page.content.decode()
    assert not Case.objects.filter(reference__startswith="DV-2025").exists()

    page = client.post(url, {"file": SimpleUploadedFile("good.xlsx", _xlsx(good[:5]))})
    assert page.context["check"].ok
    token = client.session["delegation_import"]["token"]
    response = client.post(reverse("delegations:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert Case.objects.filter(reference__in=[row["reference"] for row in good[:5]]).count() == 5

    # The preview is used once.
    assert client.post(reverse("delegations:import_confirm"), {"token": token}).status_code == 302
    assert Case.objects.filter(reference__startswith="D", reference__contains="-2025-").count() == 5


def test_the_template_has_vietnamese_headers_and_lists_of_allowed_values(client, protocol) -> None:
    from openpyxl import load_workbook

    client.force_login(protocol)
    response = client.get(reverse("delegations:import_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet, allowed = workbook.worksheets[0], workbook["Giá trị hợp lệ"]
    with translation.override("vi"):
        assert [cell.value for cell in sheet[1]] == headers()
    assert sheet.freeze_panes == "A2"
    # The status column offers the statuses by their Vietnamese labels, read from the sheet of
    # allowed values (label, then code).
    status = get_column_letter(columns().index("status") + 1)
    (validation,) = [v for v in sheet.data_validations.dataValidation if f"{status}2" in v.sqref]
    assert validation.type == "list" and validation.formula1.startswith("='Giá trị hợp lệ'!$")
    first = validation.formula1.split("!")[1].split(":")[0].replace("$", "")  # e.g. "N2"
    column = allowed[first].column
    statuses = [(row[0], row[1]) for row in allowed.iter_rows(min_row=2, min_col=column, max_col=column + 1,
                                                              values_only=True)]  # fmt: skip
    assert ("Đã đóng", "closed") in statuses
    assert [cell.value for cell in sheet[2]][columns().index("status")] == "Đã đóng"


def test_only_protocol_staff_import(client, make_user) -> None:
    for role in (Role.AGENCY, Role.LEADER, Role.POLICE):
        client.force_login(make_user(role))
        assert client.get(reverse("delegations:import")).status_code == 403
        assert client.get(reverse("delegations:import_template")).status_code == 403
        assert client.post(reverse("delegations:import_confirm")).status_code == 403


def test_a_file_that_is_not_a_workbook_is_refused(client, protocol) -> None:
    client.force_login(protocol)
    page = client.post(
        reverse("delegations:import"), {"file": SimpleUploadedFile("logs.xlsx", b"not a workbook")}
    )
    assert "Không đọc được tệp" in page.content.decode()
    page = client.post(reverse("delegations:import"), {"file": SimpleUploadedFile("logs.pdf", b"%PDF-1.4")})
    assert "Excel (.xlsx) hoặc tệp CSV" in page.content.decode()


def test_rows_that_would_fail_later_are_caught_by_the_check(setting) -> None:
    good, _bad = setting
    rows = [dict(row) for row in good[:4]]
    rows[0]["reference"] = "DV-2025-0000000001"  # too long for a reference
    rows[1]["participants"] = "A | JP | P0000001 | head; B | JP | P0000001 | member"  # one passport twice
    rows[2]["status"] = "approved"  # an import does not approve: no police review would exist
    rows[3]["title"] = "x" * 300

    check = check_rows(*read_table(_xlsx(rows), "logs.xlsx"))

    assert [row.number for row in check.bad_rows] == [2, 3, 4, 5]
    assert "column «Reference»" in check.bad_rows[0].problems[0]
    assert "twice" in check.bad_rows[1].problems[0]
    assert check.bad_rows[2].problems[0].startswith("Row 4, column «Status»")
    assert check.bad_rows[3].problems[0].startswith("Row 5, column «Title»")


def test_a_csv_that_is_not_utf8_is_explained(client, protocol) -> None:
    client.force_login(protocol)
    content = ",".join(columns()).encode() + "\nĐoàn".encode("cp1258")
    page = client.post(reverse("delegations:import"), {"file": SimpleUploadedFile("logs.csv", content)})
    assert page.status_code == 200
    assert "UTF-8" in page.content.decode()


def test_an_imported_log_reaches_its_status_through_the_workflow(setting, protocol) -> None:
    closed, draft = dict(setting[0][0]), {**setting[0][1], "status": ""}
    call_command("import_cases", str(_saved([closed, draft])), "--as", protocol.username)

    old = Case.objects.get(reference=closed["reference"])
    (event,) = old.events.filter(code="case.import")
    assert (old.status, event.actor, event.data) == (
        "closed",
        protocol,
        {"from": "draft", "to": "closed", "row": 2},
    )
    new = Case.objects.get(reference=draft["reference"])
    assert new.status == "draft"
    assert new.events.get(code="case.import").data == {"row": 3}
    assert not new.reviews.exists() and not old.reviews.exists()  # old logs are not referred to the police


def _table(rows: list[dict[str, str]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    return columns(), [(number, [row[c] for c in columns()]) for number, row in enumerate(rows, start=2)]


def _one_by_one(protocol, check) -> list[Case]:
    """What the import wrote before it was set-based: each row through the services, in turn."""
    from delegations.services import delegation_create
    from ttdn.cases.events import log_event
    from ttdn.cases.services.organisations import organisation_find_or_create
    from ttdn.cases.services.workflow import case_move

    cases = []
    for row in check.rows:
        fields = dict(row.data.fields)
        if fields["counterpart"] is not None:
            fields["counterpart"] = organisation_find_or_create(organisation=fields["counterpart"])
        data = CaseData(fields=fields, co_host_agencies=row.data.co_host_agencies,
                        participants=row.data.participants)  # fmt: skip
        case = delegation_create(actor=protocol, data=data, delegation_kind=row.delegation_kind)
        if row.status != case.status:
            case = case_move(
                case=case, name="import", actor=protocol, target=row.status, data={"row": row.number}
            )
        else:
            log_event(case=case, code="case.import", actor=protocol, data={"row": row.number})
        cases.append(case)
    return cases


def _written(cases: list[Case]) -> dict[str, object]:
    """Everything the import writes, comparable across two runs (no ids of its own rows)."""
    from delegations.models import Delegation
    from ttdn.cases.models import CaseGroupObjectPermission, CaseUserObjectPermission, Participant

    def person(p: Person) -> tuple[object, ...]:
        return (
            p.full_name,
            str(p.nationality),
            p.passport_number,
            p.passport_hash,
            p.organisation.name if p.organisation else None,
        )

    written: dict[str, object] = {}
    for case in Case.objects.filter(pk__in=[c.pk for c in cases]).order_by("reference"):
        written[case.reference] = {
            "case": [
                getattr(case, f.attname)
                for f in Case._meta.concrete_fields
                if f.attname not in ("id", "counterpart_id", "created_at", "updated_at")
            ],
            "counterpart": case.counterpart and (case.counterpart.name, str(case.counterpart.country)),
            "co_hosts": sorted(case.co_host_agencies.values_list("code", flat=True)),
            "delegation": case.delegation.delegation_kind,
            "events": list(case.events.order_by("pk").values_list("code", "actor", "text", "data")),
            "history": [
                (
                    h.history_type,
                    h.status,
                    h.reference,
                    h.history_user_id,
                    sorted(h.co_host_agencies.values_list("agency_id", flat=True)),
                )
                for h in case.history.order_by("history_id")
            ],
            "delegation_history": list(
                Delegation.history.filter(case_id=case.pk).values_list(
                    "history_type", "delegation_kind", "history_user"
                )
            ),
            "group_grants": sorted(
                CaseGroupObjectPermission.objects.filter(content_object=case).values_list(
                    "permission__codename", "group_id"
                )
            ),
            "user_grants": sorted(
                CaseUserObjectPermission.objects.filter(content_object=case).values_list(
                    "permission__codename", "user_id"
                )
            ),
            "grant_history": sorted(
                [
                    *CaseGroupObjectPermission.history.filter(content_object_id=case.pk).values_list(
                        "history_type", "group_id", "history_user"
                    ),
                    *CaseUserObjectPermission.history.filter(content_object_id=case.pk).values_list(
                        "history_type", "user_id", "history_user"
                    ),
                ]
            ),
            "participants": [(p.order, p.role, person(p.person)) for p in case.participants.all()],
            "participant_history": sorted(
                Participant.history.filter(case_id=case.pk).values_list(
                    "history_type", "role", "order", "history_user"
                )
            ),
        }
    persons = (
        Person.objects.filter(participations__case__in=cases)
        .distinct()
        .order_by("passport_hash", "full_name")
    )
    written["persons"] = [
        (
            person(p),
            list(p.history.order_by("history_id").values_list("history_type", "full_name", "history_user")),
        )
        for p in persons
    ]
    written["organisations"] = sorted(
        (o.name, str(o.country), o.history.count())
        for o in Organisation.objects.filter(cases__in=cases).distinct()
    )
    return written


def test_the_set_based_import_writes_what_the_services_write_one_by_one(setting, protocol) -> None:
    from django.db import transaction

    from delegations.imports import import_delegations

    rows = [{**_row(n), "reference": ""} for n in range(30)]
    rows[4]["status"] = ""  # drafts get the import event alone
    rows[9]["status"] = "cancelled"
    rows[12]["participants"] = "Person 12 bis | KR | P0000012 | head; Anon | VN |  | interpreter"  # renamed
    rows[20]["counterpart_name"] = "đối tác 0"  # the same organisation in another letter case

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            before = _written(_one_by_one(protocol, check_rows(*_table(rows))))
            raise Undo
    except Undo:
        pass

    check = check_rows(*_table(rows))
    after = _written(import_delegations(actor=protocol, check=check))

    assert len(after) == 30 + 2
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key


def test_the_import_takes_as_many_queries_for_4n_rows_as_for_n(setting, protocol) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from delegations.imports import import_delegations

    def rows(start: int, count: int) -> list[dict[str, str]]:
        # New counterparts and people each time, one known person renamed, some co-hosts.
        return [
            {**_row(n), "counterpart_name": f"Đối tác mới {n}",
             "participants": f"Người {n} | JP | N{n:07d} | head; Person 3 {start} | TH | P0000003 | member"}
            for n in range(start, start + count)
        ]  # fmt: skip

    import_delegations(actor=protocol, check=check_rows(*_table(rows(2000, 1))))  # counters, caches
    counts = []
    for start, count in ((3000, 5), (4000, 20)):
        check = check_rows(*_table(rows(start, count)))
        with CaptureQueriesContext(connection) as queries:
            created = import_delegations(actor=protocol, check=check)
        assert len(created) == count
        counts.append(len(queries))

    # 51 in all (savepoints included): one statement per table written, up to a batch of
    # ttdn.bulk.BATCH_SIZE rows on PostgreSQL (SQLite splits an INSERT at 999 parameters).
    assert counts[0] == counts[1] <= 55, counts


def test_a_row_refused_late_leaves_nothing_written_and_is_named(setting, protocol) -> None:
    from delegations.imports import import_delegations
    from ttdn.cases.errors import CaseError
    from ttdn.cases.models import CaseEvent, CaseGroupObjectPermission, Participant

    good, _bad = setting
    check = check_rows(*_table(good[:300]))
    assert check.ok
    # Taken after the check, before the import (another import, the same file twice...).
    other = make_delegation(actor=protocol)
    Case.objects.filter(pk=other.pk).update(reference=good[298]["reference"])

    def counts() -> list[int]:
        models = [Case, Person, Organisation, Participant, CaseEvent, CaseGroupObjectPermission]
        return [m._default_manager.count() for m in models] + [Case.history.count(), Person.history.count()]

    before = counts()
    with translation.override("en"), pytest.raises(CaseError, match=f"^Row 300: .*{good[298]['reference']}"):
        import_delegations(actor=protocol, check=check)
    assert counts() == before

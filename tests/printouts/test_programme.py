"""The printed programme for the guests: in their language or bilingual, grouped by day and part
of the day, with both sides' people, and never what only the office and the police may read."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import make_agency, make_delegation, police_clear
from ttdn.accounts.models import AgencyName, User
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, Case, CaseHost, Participant, Person, ProgrammeItem
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db

CONDITIONS = "Không quay phim khu vực biên giới"
NOTE = "Ghi chú nội bộ: chuẩn bị xe"
PASSPORT = "C7654321"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def visit(protocol: User) -> Case:
    """A three-day visit, cleared by the police with conditions, with translations entered."""
    case = make_delegation(actor=protocol, days=3, participants=0, programme=0, notes="Hồ sơ nội bộ")
    for order, (name, script, position, translated, role) in enumerate(
        [
            ("Li Wei", "李伟", "Phó Tỉnh trưởng", "副省长", "head"),
            ("Zhang Min", "张敏", "Thư ký", "", "member"),
        ]
    ):
        person = Person.objects.create(
            full_name=name, name_in_script=script, nationality="CN", position=position,
            position_translated=translated, passport_number=f"{PASSPORT}{order}",
        )  # fmt: skip
        Participant.objects.create(case=case, person=person, role=role, order=order, rank=order + 1)
    case = case_submit(actor=protocol, case=case)
    case = police_clear(case, conditions=CONDITIONS)
    first = case.start_date
    ProgrammeItem.objects.bulk_create(
        [
            ProgrammeItem(case=case, start=_at(first, 8), end=_at(first, 10), place="Trụ sở UBND tỉnh",
                          place_translated="Provincial People's Committee", activity="meeting",
                          summary="Hội đàm với lãnh đạo tỉnh", summary_translated="Talks with the province's leaders",
                          hosts="Chủ tịch UBND tỉnh", hosts_translated="Chairman of the Provincial People's Committee",
                          notes=NOTE),
            ProgrammeItem(case=case, start=_at(first, 14), end=_at(first, 16), place="Khu công nghiệp Long Bình An",
                          activity="site_visit"),
            ProgrammeItem(case=case, start=_at(first + datetime.timedelta(days=2), 19),
                          end=_at(first + datetime.timedelta(days=2), 21), place="Khách sạn Mường Thanh",
                          place_translated="Muong Thanh Hotel", activity="ceremony"),
        ]
    )  # fmt: skip
    agency = make_agency(name_vi="Sở Ngoại vụ", name_en="Department of Foreign Affairs")
    AgencyName.objects.create(agency=agency, language="zh-hans", name="外事厅")
    CaseHost.objects.create(case=case, name="Nguyễn Văn An", position="Chủ tịch UBND tỉnh",
                            position_translated="省人民委员会主席", agency=agency, rank=1)  # fmt: skip
    return case


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _pdf(client: Client, case: Case, *, bilingual: bool = False) -> str:
    name = "printouts:programme_bilingual" if bilingual else "printouts:programme"
    response = client.get(reverse(name, kwargs={"pk": case.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return _text(response.content)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_guests_version_is_in_their_language_grouped_by_day_and_part_of_day(
    client: Client, protocol: User, visit: Case
) -> None:
    client.force_login(protocol)
    text = " ".join(_pdf(client, visit).split())  # English, the default guest language
    first, last = visit.start_date, visit.end_date
    for day in (first, last):
        assert f"{day.day} {day.strftime('%B')} {day.year}" in text
    for word in ("Morning", "Afternoon", "Evening", "Programme of the visit", "Talks with the province's leaders",
                 "Provincial People's Committee", "Muong Thanh Hotel", "Li Wei", "Zhang Min", "Head of delegation",
                 "Nguyễn Văn An", "Department of Foreign Affairs", "Site visit"):  # fmt: skip
        assert word in text, word
    # No translation typed: the Vietnamese, marked, never blank.
    assert "Khu công nghiệp Long Bình An" in text
    assert "In Vietnamese: no translation was entered." in text


@pytest.mark.parametrize("bilingual", [False, True])
def test_the_guests_version_never_shows_the_police_conditions_notes_or_passports(
    client: Client, protocol: User, visit: Case, bilingual: bool
) -> None:
    client.force_login(protocol)
    text = _pdf(client, visit, bilingual=bilingual)
    for secret in (CONDITIONS, NOTE, PASSPORT, "Hồ sơ nội bộ", visit.reference):
        assert secret not in text
    # The internal version keeps the conditions.
    internal = client.get(reverse("cases:programme_print", kwargs={"pk": visit.pk})).content.decode()
    assert CONDITIONS in internal


@pytest.mark.parametrize(
    ("language", "day_word", "fixed_words"),
    [
        ("vi", "Thứ", ["Chương trình làm việc", "Buổi sáng", "Trưởng đoàn", "Phía Việt Nam"]),
        ("en", "day", ["Programme of the visit", "Morning", "Head of delegation", "Vietnamese side"]),
        (
            "zh-hans",
            "星期",
            ["访问日程", "上午", "团长", "越方", "李伟", "副省长", "外事厅", "省人民委员会主席"],
        ),
        ("lo", "ວັນ", ["ກຳນົດການຢ້ຽມຢາມ", "ຕອນເຊົ້າ", "ຫົວໜ້າຄະນະ", "ຝ່າຍຫວຽດນາມ"]),
        ("ko", "요일", ["방문 일정", "오전", "단장"]),
        ("ja", "曜日", ["訪問日程", "午前", "団長"]),
        ("fr", "di", ["Programme de la visite", "Matin", "Chef de délégation"]),
    ],
)
def test_each_language_renders_its_own_fixed_words(
    client: Client, protocol: User, visit: Case, language: str, day_word: str, fixed_words: list[str]
) -> None:
    Case.objects.filter(pk=visit.pk).update(guest_language=language)
    client.force_login(protocol)
    text = _squeezed(_pdf(client, visit))
    assert day_word in text
    for word in fixed_words:
        assert _squeezed(word) in text, word
    for name in ("Li Wei", "Zhang Min"):
        assert _squeezed(name) in text
    if language != "vi":
        # No Vietnamese fixed word leaks into a guest's version (Django falls back to Vietnamese
        # for a word a catalogue lacks).
        for vietnamese in ("Buổi", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Chủ Nhật", "tháng",
                           "Trưởng đoàn", "Thành viên", "Phía Việt Nam", "Địa điểm", "Thời gian", "Hội đàm, làm việc"):  # fmt: skip
            assert _squeezed(vietnamese) not in text, vietnamese


def test_the_bilingual_version_has_vietnamese_beside_the_guests_language(
    client: Client, protocol: User, visit: Case
) -> None:
    Case.objects.filter(pk=visit.pk).update(guest_language="zh-hans")
    client.force_login(protocol)
    text = _squeezed(_pdf(client, visit, bilingual=True))
    for word in (
        "Chương trình làm việc",
        "访问日程",
        "Buổi sáng",
        "上午",
        "Hội đàm với lãnh đạo tỉnh",
        "星期",
    ):
        assert _squeezed(word) in text, word


def test_a_user_who_may_not_see_the_case_gets_a_404_and_a_restricted_read_is_logged(
    client: Client, make_user, protocol: User
) -> None:
    case = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED, programme=1)
    stranger = make_user(Role.AGENCY, agency=make_agency())
    client.force_login(stranger)
    for name in ("printouts:programme", "printouts:programme_bilingual"):
        assert client.get(reverse(name, kwargs={"pk": case.pk})).status_code == 404
    client.force_login(protocol)
    client.get(reverse("printouts:programme", kwargs={"pk": case.pk}))
    assert AccessLog.objects.filter(
        case=case,
        user=protocol,
        action=AccessLog.Action.VIEW_RESTRICTED,
        detail__startswith="programme print-out",
    ).exists()


def test_the_printout_reads_as_many_queries_however_many_lines(client: Client, protocol: User) -> None:
    small = make_delegation(actor=protocol, participants=1, programme=2)
    large = make_delegation(actor=protocol, participants=6, programme=25, days=3)
    client.force_login(protocol)

    def count(case: Case) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(reverse("printouts:programme_bilingual", kwargs={"pk": case.pk})).status_code
                == 200
            )
        return len(queries)

    count(small)  # the first request of a session reads what later ones have cached
    assert count(large) == count(small)


def test_the_case_page_offers_the_printouts_with_their_languages(
    client: Client, protocol: User, visit: Case
) -> None:
    Case.objects.filter(pk=visit.pk).update(guest_language="lo")
    client.force_login(protocol)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert reverse("printouts:programme", kwargs={"pk": visit.pk}) in page
    assert reverse("printouts:programme_bilingual", kwargs={"pk": visit.pk}) in page
    assert reverse("cases:programme_print", kwargs={"pk": visit.pk}) in page
    assert "ພາສາລາວ" in page


def test_a_line_without_content_names_its_activity_once() -> None:
    """The kind of activity stands in for missing content, and is then not repeated under it."""
    from django.utils import translation

    from ttdn.printouts.programme import _cell

    item = ProgrammeItem(activity=ProgrammeItem.Activity.MEETING, place="Trụ sở UBND tỉnh", summary="")
    with translation.override("en"):
        cell = _cell(item, "en")
    assert (cell.summary.value, cell.activity) == ("Meeting", "")
    item.summary, item.summary_translated = "Làm việc với lãnh đạo tỉnh", "Working session"
    with translation.override("en"):
        cell = _cell(item, "en")
    assert (cell.summary.value, cell.activity) == ("Working session", "Meeting")


def test_a_vietnamese_official_among_the_participants_is_listed_with_the_hosts(
    client: Client, protocol: User, visit: Case
) -> None:
    from ttdn.printouts.programme import programme_printout

    person = Person.objects.create(full_name="Trần Văn Bình", nationality="VN", position="Giám đốc Sở")
    Participant.objects.create(case=visit, person=person, role="official", order=5, rank=3)
    Case.objects.filter(pk=visit.pk).update(guest_language="zh-hans")
    visit.refresh_from_db()

    printout = programme_printout(case=visit, bilingual=False)

    assert [row.name for row in printout.guests] == ["Li Wei", "Zhang Min"]
    assert [row.name for row in printout.hosts] == ["Nguyễn Văn An", "Trần Văn Bình"]
    assert printout.hosts[1].cells[0].title.value == "Giám đốc Sở"  # no translation: marked as such
    assert printout.hosts[1].cells[0].title.fallback


def test_the_programme_pdf_is_shown_inline_never_cached(client: Client, protocol: User, visit: Case) -> None:
    client.force_login(protocol)

    response = client.get(reverse("printouts:programme", kwargs={"pk": visit.pk}))

    name = f"{visit.reference}-chuong-trinh-{visit.guest_language}.pdf"
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert response["Cache-Control"] == "no-store"

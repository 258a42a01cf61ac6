from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from press.models import Coverage, PressCard, PressVisit
from tests.factories import ensure_police_agency, make_agency, make_press_visit, police_clear
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case
from ttdn.cases.services.cases import case_record_decision
from ttdn.cases.services.workflow import case_approve, case_start, case_submit

pytestmark = pytest.mark.django_db
START = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def office_protocol(make_user) -> User:
    return make_user(Role.PROTOCOL, agency=make_agency(code="vp-ubnd", kind=Agency.Kind.OFFICE))


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _crew(index: int, name: str, passport: str, role: str, valid_until: datetime.date) -> dict[str, str]:
    prefix = f"participants-{index}-"
    return {
        prefix + "full_name": name, prefix + "nationality": "JP", prefix + "sex": "unspecified",
        prefix + "passport_number": passport, prefix + "role": role, prefix + "card_kind": "permit",
        prefix + "card_number": f"BNG-{index}", prefix + "card_valid_until": _d(valid_until),
    }  # fmt: skip


def _form(user: User, **overrides: Any) -> dict[str, Any]:
    later = START + datetime.timedelta(days=20)
    data: dict[str, Any] = {
        "direction": "inbound", "residency": "non_resident", "topics": "Ruộng bậc thang", "mode": "in_person",
        "access_level": "normal", "title": "NHK ghi hình", "start_date": _d(START),
        "end_date": _d(START + datetime.timedelta(days=2)), "countries": ["JP"], "counterpart_name": "NHK",
        "counterpart_kind": "press", "counterpart_country": "JP", "lead_agency": user.agency_id,
        "responsible_officer": user.pk, "escort_officer": user.pk, "request_received_on": _d(timezone.localdate()),
        "participants-TOTAL_FORMS": "3", "participants-INITIAL_FORMS": "0",
        **_crew(0, "Yamada Taro", "TZ1", "reporter", later), **_crew(1, "Kato Ken", "TZ2", "camera", later),
        **_crew(2, "Sato Aya", "TZ3", "producer", later),
        "programme-TOTAL_FORMS": "1", "programme-INITIAL_FORMS": "0",
        "programme-0-start": f"{_d(START)} 08:00", "programme-0-end": f"{_d(START)} 10:00",
        "programme-0-place": "Ruộng bậc thang", "programme-0-activity": "filming", "programme-0-recording_planned": "on",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_protocol_registers_a_non_resident_crew_of_three(client: Client, office_protocol: User) -> None:
    client.force_login(office_protocol)

    response = client.post(reverse("press:create"), _form(office_protocol))

    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert case.reference.startswith("PV-")
    assert PressVisit.objects.get(case=case).residency == PressVisit.Residency.NON_RESIDENT
    assert case.participants.count() == 3
    assert set(PressCard.objects.values_list("number", flat=True)) == {"BNG-0", "BNG-1", "BNG-2"}
    assert case.programme_items.get().recording_planned
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Hồ sơ phóng viên không thường trú gửi Bộ Ngoại giao" in page


def test_the_police_and_the_information_department_are_co_hosts_by_default(
    client: Client, office_protocol, settings
) -> None:
    info = make_agency(code="so-vhttdl")
    police = ensure_police_agency()
    settings.TTDN_PRESS_CO_HOST_CODES = ["so-vhttdl"]
    client.force_login(office_protocol)

    form = client.get(reverse("press:create")).context["form"]

    assert set(form.initial["co_host_agencies"]) == {info.pk, police.pk}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"participants-1-card_valid_until": _d(START + datetime.timedelta(days=1))}, "trước khi chuyến thăm kết thúc"),
        ({"programme-0-start": f"{_d(START + datetime.timedelta(days=9))} 08:00",
          "programme-0-end": f"{_d(START + datetime.timedelta(days=9))} 09:00"}, "Ngoài thời gian chuyến thăm"),
        ({"counterpart_kind": "business"}, "phải là cơ quan báo chí"),
        ({"participants-2-passport_number": ""}, "Trường này là bắt buộc"),
    ],
)  # fmt: skip
def test_bad_press_input_saves_nothing(client: Client, office_protocol, overrides, message) -> None:
    client.force_login(office_protocol)

    response = client.post(reverse("press:create"), _form(office_protocol, **overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_the_escort_officer_works_for_the_office_or_a_host(
    client: Client, office_protocol, make_user
) -> None:
    outsider = make_user(Role.AGENCY, agency=make_agency())
    client.force_login(office_protocol)

    response = client.post(reverse("press:create"), _form(office_protocol, escort_officer=outsider.pk))

    assert response.status_code == 400
    assert "Văn phòng hoặc cơ quan chủ trì" in response.content.decode()
    assert not Case.objects.exists()


def test_no_reporting_before_the_written_approval(office_protocol, leader) -> None:
    case = case_submit(actor=office_protocol, case=make_press_visit(actor=office_protocol))

    with pytest.raises(CaseError, match="cannot be moved"):
        case_start(actor=office_protocol, case=case)
    case = case_approve(actor=leader, case=police_clear(case))
    with pytest.raises(CaseError, match="written approval"):
        case_start(actor=office_protocol, case=case)

    case = case_record_decision(
        actor=office_protocol, case=case, number="12/QĐ-UBND", date=timezone.localdate()
    )
    assert case_start(actor=office_protocol, case=case).status == Case.Status.IN_PROGRESS


def test_the_page_says_why_reporting_cannot_start(client: Client, office_protocol, leader) -> None:
    case = case_approve(
        actor=leader,
        case=police_clear(case_submit(actor=office_protocol, case=make_press_visit(actor=office_protocol))),
    )
    client.force_login(office_protocol)

    page = client.get(case.get_absolute_url()).content.decode()

    assert "trước khi có văn bản chấp thuận" in page


def test_protocol_records_coverage_and_others_cannot(client: Client, office_protocol, leader) -> None:
    case = make_press_visit(actor=office_protocol)
    url = reverse("press:coverage_add", kwargs={"pk": case.pk})
    coverage = {
        "title": "Ruộng bậc thang mùa nước đổ",
        "outlet": "NHK World",
        "published_on": _d(START),
        "language": "Tiếng Nhật",
        "url": "nhk.example/terraces",
    }

    client.force_login(leader)
    client.post(url, coverage)
    assert not Coverage.objects.exists()

    client.force_login(office_protocol)
    client.post(url, coverage)
    saved = Coverage.objects.get()
    assert (saved.outlet, saved.published_on, saved.url) == (
        "NHK World",
        START,
        "https://nhk.example/terraces",
    )
    assert "Ruộng bậc thang mùa nước đổ" in client.get(case.get_absolute_url()).content.decode()


def test_press_visits_are_filtered_in_the_case_list(client: Client, office_protocol) -> None:
    press = make_press_visit(actor=office_protocol)
    client.force_login(office_protocol)

    response = client.get(reverse("cases:list"), {"kind": "press"})

    assert [case.pk for case in response.context["page"]] == [press.pk]

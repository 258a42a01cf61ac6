"""The outbound delegation's pages: create and edit, the members and their passports, and a 404
for whoever may not see the case."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from outbound.models import HeadLevel, Official, OutboundTrip, TripMember, TripPassport
from tests.factories import ensure_police_agency, make_agency, make_outbound_trip
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, Person

pytestmark = pytest.mark.django_db
START = timezone.localdate() + datetime.timedelta(days=30)


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _form(user: User, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "head_level": HeadLevel.objects.order_by("order")[0].pk, "funding": "state_budget",
        "partners_met": "Tỉnh Gunma", "mission_abroad": "Đại sứ quán Việt Nam tại Nhật Bản",
        "materials_carried": "Tài liệu giới thiệu tỉnh", "gifts_carried": "Tranh sơn mài",
        "mode": "in_person", "access_level": "normal", "title": "Xúc tiến đầu tư tại Nhật Bản",
        "start_date": _d(START), "end_date": _d(START + datetime.timedelta(days=4)), "countries": ["JP"],
        "lead_agency": user.agency_id, "responsible_officer": user.pk,
        "programme-TOTAL_FORMS": "0", "programme-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_protocol_creates_an_outbound_delegation_without_participants(client: Client, protocol) -> None:
    client.force_login(protocol)

    response = client.post(reverse("outbound:create"), _form(protocol))

    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert (case.kind, case.direction, case.reference[:3]) == ("outbound", "outbound", "DR-")
    trip = OutboundTrip.objects.get(case=case)
    assert trip.mission_abroad == "Đại sứ quán Việt Nam tại Nhật Bản"
    assert trip.deciding_authority == trip.head_level.deciding_authority
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="members"' in page and 'id="participants"' not in page
    # What is for foreign guests is left out: the guests' print-outs, precedence, the budget.
    assert 'id="budget"' not in page and 'id="precedence"' not in page and 'id="print-for-guests"' not in page
    assert reverse("printouts:programme", kwargs={"pk": case.pk}) not in page
    assert reverse("cases:programme_print", kwargs={"pk": case.pk}) in page  # the internal one stays
    form_page = client.get(reverse("outbound:create")).content.decode()
    assert "participants-TOTAL_FORMS" not in form_page and 'name="direction"' not in form_page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"funding": "other"}, "Cho biết chuyến đi được chi từ nguồn nào"),
        ({"countries": []}, "Trường này là bắt buộc"),
        ({"head_level": ""}, "Trường này là bắt buộc"),
    ],
)
def test_bad_trip_input_saves_nothing(client: Client, protocol, overrides, message) -> None:
    client.force_login(protocol)

    response = client.post(reverse("outbound:create"), _form(protocol, **overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_members_are_officials_never_foreign_persons(client: Client, protocol) -> None:
    case = make_outbound_trip(actor=protocol)
    client.force_login(protocol)

    client.post(
        reverse("outbound:member_add", kwargs={"pk": case.pk}),
        {
            "full_name": "Nguyễn Văn An",
            "position": "Phó Chủ tịch",
            "agency": protocol.agency_id,
            "role": "head",
        },
    )
    official = Official.objects.get(full_name="Nguyễn Văn An")
    response = client.post(
        reverse("outbound:member_add", kwargs={"pk": case.pk}), {"official": official.pk, "role": "member"}
    )

    assert "Cán bộ này đã là thành viên của đoàn." in response.content.decode()
    assert TripMember.objects.get(trip__case=case).role == "head"
    assert not Person.objects.exists() and not case.participants.exists()


def test_a_second_head_is_refused(client: Client, protocol) -> None:
    case = make_outbound_trip(actor=protocol, members=1)
    client.force_login(protocol)

    response = client.post(
        reverse("outbound:member_add", kwargs={"pk": case.pk}),
        {"full_name": "Trần Bình", "agency": protocol.agency_id, "role": "head"},
    )

    assert "Đoàn đã có trưởng đoàn." in response.content.decode()
    assert TripMember.objects.filter(trip__case=case).count() == 1
    assert not Official.objects.filter(full_name="Trần Bình").exists()  # nothing kept


def test_the_passport_is_encrypted_and_masked_for_those_without_identity_access(
    client: Client, protocol, leader
) -> None:
    case = make_outbound_trip(actor=protocol, members=1)
    member = TripMember.objects.get(trip__case=case)
    client.force_login(protocol)

    client.post(
        reverse("outbound:passport", kwargs={"pk": case.pk, "member_pk": member.pk}),
        {"kind": "official", "number": "C1234567", "handed_out_on": _d(START), "keeper": "Phòng TCHC"},
    )

    passport = TripPassport.objects.get(member=member)
    assert passport.number == "C1234567" and passport.number_hash
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM outbound_trippassport")
        stored = cursor.fetchone()[0]
    assert "C1234567" not in stored
    assert "C1234567" in client.get(case.get_absolute_url()).content.decode()
    client.force_login(leader)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "C1234567" not in page and "•••567" in page


def test_a_passport_back_before_it_went_out_is_refused(client: Client, protocol) -> None:
    case = make_outbound_trip(actor=protocol, members=1)
    member = TripMember.objects.get(trip__case=case)
    client.force_login(protocol)

    response = client.post(
        reverse("outbound:passport", kwargs={"pk": case.pk, "member_pk": member.pk}),
        {"kind": "official", "number": "C1", "handed_out_on": _d(START), "handed_back_on": _d(START - datetime.timedelta(days=1))},
    )  # fmt: skip

    assert response.status_code == 200 and not TripPassport.objects.exists()
    assert "Hộ chiếu được nộp lại sau khi đã giao" in response.content.decode()


def test_every_page_is_a_404_to_an_agency_user_not_on_the_case(client: Client, protocol, make_user) -> None:
    case = make_outbound_trip(actor=protocol, members=1)
    member = TripMember.objects.get(trip__case=case)
    outsider = make_user(Role.AGENCY, agency=make_agency())
    client.force_login(outsider)

    for url in [
        case.get_absolute_url(),
        reverse("outbound:member_add", kwargs={"pk": case.pk}),
        reverse("outbound:passport", kwargs={"pk": case.pk, "member_pk": member.pk}),
        reverse("outbound:edit", kwargs={"pk": case.pk}),  # the case is looked up before the role
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("outbound:member_remove", kwargs={"pk": case.pk, "member_pk": member.pk}))
    assert response.status_code == 404
    assert TripMember.objects.filter(pk=member.pk).exists()


def test_a_trip_is_submitted_once_its_head_is_a_member(protocol) -> None:
    from ttdn.cases.errors import CaseError
    from ttdn.cases.services.workflow import case_transition

    ensure_police_agency()
    empty, headed = make_outbound_trip(actor=protocol), make_outbound_trip(actor=protocol, members=1)

    with pytest.raises(CaseError, match="head of the delegation"):
        case_transition(actor=protocol, case=empty, name="submit")
    assert case_transition(actor=protocol, case=headed, name="submit").status == "submitted"


def test_the_edit_page_shows_the_trip_and_saves_its_changes(client: Client, protocol) -> None:
    client.force_login(protocol)
    client.post(reverse("outbound:create"), _form(protocol))
    case = Case.objects.get()
    url = reverse("outbound:edit", kwargs={"pk": case.pk})

    form = client.get(url).context["form"]
    assert form.initial["mission_abroad"] == "Đại sứ quán Việt Nam tại Nhật Bản"

    response = client.post(url, _form(protocol, funding="mixed", gifts_carried="Chè Shan tuyết"))
    assert response.status_code == 302
    trip = OutboundTrip.objects.get(case=case)
    assert (trip.funding, trip.gifts_carried) == ("mixed", "Chè Shan tuyết")
    assert Case.objects.get(pk=case.pk).direction == "outbound"


def test_the_materials_carried_are_part_of_the_police_review(protocol) -> None:
    from outbound.services import TripData, outbound_trip_update
    from tests.factories import police_clear
    from ttdn.cases.errors import ReviewReopenNeeded
    from ttdn.cases.services.cases import CaseData
    from ttdn.cases.services.workflow import case_transition

    case = police_clear(
        case_transition(actor=protocol, case=make_outbound_trip(actor=protocol, members=1), name="submit")
    )
    trip = OutboundTrip.objects.get(case=case)
    changed = TripData(head_level=trip.head_level, funding=trip.funding, materials_carried="Bản đồ quy hoạch")

    with pytest.raises(ReviewReopenNeeded):
        outbound_trip_update(
            actor=protocol, case=case, data=CaseData(fields={}), trip=changed, reopen_confirmed=False
        )
    assert OutboundTrip.objects.get(case=case).materials_carried == ""

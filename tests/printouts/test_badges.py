"""Badges and place cards: the PDFs hold every guest's name, the printing is logged on the case,
the layouts refuse what cannot be printed, and the badge's QR page opens for the office's
protocol staff only, on a case they may see."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from urllib.parse import urlparse

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import (
    approve,
    case_data_as_now,
    make_agency,
    make_delegation,
    person_data,
    police_officer,
)
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, CaseEvent, CaseHost, Person
from ttdn.cases.services.cases import ParticipantData, case_update
from ttdn.printouts.badges import events
from ttdn.printouts.badges.layouts import Kind, Sheet
from ttdn.printouts.badges.render import fitted_size, text_width_em, verification_url
from ttdn.printouts.badges.services import badges_print, place_cards_print
from ttdn.printouts.badges.tokens import BadgeClaim, badge_claim, badge_token
from ttdn.printouts.models import BadgeLayout

pytestmark = pytest.mark.django_db

GUESTS = [
    ("Tanaka Hiroshi", "田中 博"),
    ("Suzuki Aiko", ""),
    ("Bartholomew Alexander Fitzgerald-Montgomery", ""),
]


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _with_guests(case: Case, actor, count: int) -> Case:
    """``count`` guests (the names of GUESTS, numbered past three), with a title in the guests'
    language and, for the first, a name in Chinese script (entered beside the Vietnamese)."""
    guests = [(name if count <= len(GUESTS) else f"{name} {n}", script)
              for n, (name, script) in enumerate((GUESTS * count)[:count])]  # fmt: skip
    rows = [
        ParticipantData(
            person_data(name, "JP", f"TB{case.pk:03d}{n:04d}", position="Trưởng phòng"),
            role="head" if n == 0 else "member",
        )
        for n, (name, _script) in enumerate(guests)
    ]
    case = case_update(actor=actor, case=case, data=replace(case_data_as_now(case), participants=rows))
    for name, script in guests:
        Person.objects.filter(participations__case=case, full_name=name).update(
            name_in_script=script, position_translated="Director"
        )
    return case


@pytest.fixture
def host(db):
    return make_agency(name_vi="Sở Ngoại vụ thử", name_en="Test foreign affairs department")


@pytest.fixture
def case(protocol, host) -> Case:
    case = make_delegation(actor=protocol, co_hosts=[host], participants=0, title="Đoàn Nhật Bản thử")
    case = _with_guests(case, protocol, len(GUESTS))
    CaseHost.objects.create(case=case, name="Nguyễn Văn Chủ", position="Phó Chủ tịch UBND tỉnh", rank=1)
    return case


def _layout(kind: Kind, sheet: Sheet | None = None) -> BadgeLayout:
    layouts = BadgeLayout.objects.filter(kind=kind)
    return layouts.get(sheet=sheet) if sheet else layouts.get(is_default=True)


# The PDFs -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", [Sheet.A6_FOUR, Sheet.A7_EIGHT])
def test_the_badges_hold_each_guest_s_name_and_a_qr_code_on_a4_sheets(case, protocol, sheet) -> None:
    pdf = badges_print(actor=protocol, case=case, layout=_layout(Kind.BADGE, sheet))
    reader = PdfReader(io.BytesIO(pdf))
    text = _text(pdf)
    for name, script in GUESTS:
        assert " ".join(name.split()[:1]) in text
        if script:
            assert script.replace(" ", "") in text.replace(" ", "")
    assert "Director" in text  # the position in the guests' language
    assert len(reader.pages) == 1  # three badges on one sheet
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points


def test_the_place_cards_are_a4_tents_with_the_name_in_the_guests_script_on_both_faces(
    case, protocol
) -> None:
    pdf = place_cards_print(actor=protocol, case=case, layout=_layout(Kind.PLACE_CARD))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(GUESTS) + 1  # one sheet a guest, and the host official's
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    first = reader.pages[0].extract_text().replace(" ", "")
    assert first.count("田中博") == 2  # both faces, the script first
    assert "Nguyễn Văn Chủ" in reader.pages[-1].extract_text()


@pytest.mark.parametrize(
    ("language", "role", "country"),
    [("lo", "ຫົວໜ້າຄະນະ", "Japan"), ("zh-hans", "团长", "日本"), ("vi", "Trưởng đoàn", "Nhật Bản")],
)
def test_a_badge_s_role_and_country_are_in_the_guests_words_never_falling_back_to_vietnamese(
    case, protocol, language, role, country
) -> None:
    """Django falls back to Vietnamese for a word a catalogue lacks, and has no Lao country names:
    the role comes from the print-outs' catalogue, the country in English where its language has none."""
    Case.objects.filter(pk=case.pk).update(guest_language=language)
    case.refresh_from_db()
    text = _text(badges_print(actor=protocol, case=case, layout=_layout(Kind.BADGE))).replace(" ", "")
    assert role.replace(" ", "").upper() in text.upper()  # the role band is in capitals
    assert country.replace(" ", "") in text
    if language != "vi":
        assert "NhậtBản" not in text and "Trưởngđoàn".upper() not in text.upper()


def test_a_long_name_shrinks_to_fit_its_card() -> None:
    short = fitted_size("Li Wei", size=66, width_mm=270)
    long = fitted_size("Bartholomew Alexander Fitzgerald-Montgomery of Westminster", size=66, width_mm=270)
    assert short == 66 and long < 66
    assert (
        long * text_width_em("Bartholomew Alexander Fitzgerald-Montgomery of Westminster") <= 270 * 72 / 25.4
    )


def test_printing_is_logged_on_the_case_with_who_what_and_how_many(case, protocol) -> None:
    layout = _layout(Kind.BADGE)
    badges_print(actor=protocol, case=case, layout=layout)
    event = CaseEvent.objects.get(case=case, code=events.BADGES_PRINTED)
    assert event.actor == protocol and event.data == {"layout": layout.pk, "count": 3}
    assert layout.name in event.text
    place_cards_print(actor=protocol, case=case, layout=_layout(Kind.PLACE_CARD))
    assert CaseEvent.objects.get(case=case, code=events.PLACE_CARDS_PRINTED).data["count"] == 4


def test_the_case_page_offers_printing_to_protocol_only_and_the_pdf_comes_back(
    case, protocol, leader, client
) -> None:
    client.force_login(protocol)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="print-for-guests"' in page
    layout = _layout(Kind.BADGE, Sheet.A7_EIGHT)
    response = client.post(reverse("printouts:badges", kwargs={"pk": case.pk}), {"layout": layout.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Tanaka" in _text(response.content)
    assert response["Content-Disposition"] == f'attachment; filename="{case.reference}-badges.pdf"'
    assert response["Cache-Control"] == "no-store"

    client.force_login(leader)
    assert 'id="print-for-guests"' not in client.get(case.get_absolute_url()).content.decode()
    for name in ("printouts:badges", "printouts:place_cards"):
        refused = client.post(reverse(name, kwargs={"pk": case.pk}), {"layout": layout.pk})
        assert refused.status_code == 403
    assert CaseEvent.objects.filter(case=case, code=events.BADGES_PRINTED).count() == 1


def test_a_layout_of_the_other_kind_is_refused_beside_its_field(case, protocol, client) -> None:
    client.force_login(protocol)
    url = reverse("printouts:badges", kwargs={"pk": case.pk})
    response = client.post(url, {"layout": _layout(Kind.PLACE_CARD).pk})
    assert response.status_code == 200 and "Chọn một mẫu trong danh sách." in response.content.decode()
    assert not CaseEvent.objects.filter(case=case, code=events.BADGES_PRINTED).exists()


def test_who_may_not_see_the_case_gets_a_404_for_every_print_url(case, make_user, client) -> None:
    outsiders = [make_user(Role.AGENCY), police_officer()]  # another agency; police, not referred
    for user in outsiders:
        client.force_login(user)
        for name in ("printouts:badges", "printouts:place_cards"):
            url = reverse(name, kwargs={"pk": case.pk})
            assert client.get(url).status_code == 404
            assert client.post(url, {"layout": _layout(Kind.BADGE).pk}).status_code == 404
        api = _as(APIClient(), user)
        assert api.get(f"{API}/cases/{case.pk}/badges/").status_code == 404
        assert api.get(f"{API}/cases/{case.pk}/place-cards/").status_code == 404
    assert not CaseEvent.objects.filter(case=case, code__startswith="printouts.").exists()


def test_the_query_count_stays_flat_in_the_number_of_guests(protocol, host) -> None:
    counts = []
    for size in (2, 12):
        case = make_delegation(actor=protocol, co_hosts=[host], participants=0)
        case = _with_guests(case, protocol, size)
        for layout in (_layout(Kind.BADGE), _layout(Kind.PLACE_CARD)):
            with CaptureQueriesContext(connection) as queries:
                (badges_print if layout.kind == Kind.BADGE else place_cards_print)(
                    actor=protocol, case=case, layout=layout
                )
            counts.append(len(queries))
    assert counts[:2] == counts[2:]


# The API ------------------------------------------------------------------------------------------


def test_the_api_gives_the_pdfs_by_url_with_a_token(case, protocol, leader) -> None:
    api = _as(APIClient(), protocol)
    response = api.get(f"{API}/cases/{case.pk}/badges/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Suzuki" in _text(response.content)
    cards = api.get(f"{API}/cases/{case.pk}/place-cards/", {"layout": _layout(Kind.PLACE_CARD).pk})
    assert cards.status_code == 200 and "Nguyễn Văn Chủ" in _text(cards.content)
    assert (
        api.get(f"{API}/cases/{case.pk}/badges/", {"layout": _layout(Kind.PLACE_CARD).pk}).status_code == 400
    )
    assert api.get(f"{API}/cases/{case.pk}/badges/", {"layout": "x"}).status_code == 400
    assert _as(APIClient(), leader).get(f"{API}/cases/{case.pk}/badges/").status_code == 403
    assert CaseEvent.objects.filter(case=case, code__startswith="printouts.").count() == 2


# Layouts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"elements": [{"field": "photo", "size": 10}]}, "photo cannot be printed here"),
        ({"elements": [{"field": "position", "size": 10}]}, "A layout prints the name."),
        ({"elements": [{"field": "name", "size": 400}]}, "whole number from 6 to 48"),
        ({"elements": [{"field": "name", "size": 20}, {"field": "name", "size": 20}]}, "listed twice"),
        ({"elements": "name"}, "List the fields to print"),
        ({"sheet": Sheet.A4_TENT}, "is not a sheet for"),
        ({"accent": "red"}, "#RRGGBB"),
        (
            {
                "kind": Kind.PLACE_CARD,
                "sheet": Sheet.A4_TENT,
                "elements": [{"field": "name", "size": 60}, {"field": "qr", "size": 20}],
            },
            "qr cannot be printed here",
        ),
    ],
)
def test_a_bad_layout_is_refused_with_a_clear_error(changes, message) -> None:
    layout = BadgeLayout(
        name="Thử", kind=Kind.BADGE, sheet=Sheet.A6_FOUR, elements=[{"field": "name", "size": 20}]
    )
    for field, value in changes.items():
        setattr(layout, field, value)
    with pytest.raises(ValidationError) as refused:
        layout.full_clean()
    assert message in str(refused.value)


def test_the_admin_refuses_a_bad_layout_and_saves_a_good_one(make_user, client) -> None:
    client.force_login(make_user(Role.ADMIN, is_staff=True))
    url = reverse("admin:printouts_badgelayout_add")
    data = {"name": "Thẻ thử", "kind": "badge", "sheet": "a6x4", "header": "", "accent": "#123456",
            "elements": '[{"field": "name", "size": 99}]'}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and "từ 6 đến 48" in response.content.decode()
    assert not BadgeLayout.objects.filter(name="Thẻ thử").exists()
    client.post(url, {**data, "elements": '[{"field": "name", "size": 30, "weight": "bold"}]'})
    assert BadgeLayout.objects.get(name="Thẻ thử").element_list[0].bold


# The verification page ----------------------------------------------------------------------------


def _verify_url(case: Case) -> str:
    participant = case.participants.get(person__full_name=GUESTS[0][0])
    return urlparse(verification_url(case_id=case.pk, participant_id=participant.pk)).path


def test_the_qr_code_carries_a_signed_token_of_the_participant_and_the_case(case) -> None:
    url = _verify_url(case)
    assert re.fullmatch(r"/printouts/badge/[^/]+/", url)
    participant = case.participants.get(person__full_name=GUESTS[0][0])
    token = url.split("/")[3]
    assert badge_claim(token) == BadgeClaim(case_id=case.pk, participant_id=participant.pk)
    assert GUESTS[0][0] not in signing.b64_decode(token.split(":")[0].encode()).decode()
    unsalted = signing.dumps([case.pk, participant.pk])  # signed with the key, not for badges
    assert badge_claim(unsalted) is None


def test_protocol_staff_see_who_wears_the_badge(case, protocol, client) -> None:
    approve(case)
    client.force_login(protocol)
    page = client.get(_verify_url(case)).content.decode()
    assert "Tanaka Hiroshi" in page and case.reference in page and "Director" in page
    assert "đã được phê duyệt hoặc đang diễn ra" in page
    assert "TB0000000" not in page  # no passport number


def test_the_badge_page_is_refused_to_the_other_roles_and_to_who_may_not_see_the_case(
    case, host, make_user, leader, client
) -> None:
    url = _verify_url(case)
    approve(case)  # submitted: referred to the police, who then see it
    police = case.reviews.first().assigned_to or police_officer()
    agency_user = make_user(Role.AGENCY, agency=host)  # sees the case it co-hosts
    for user in (police, agency_user, leader):
        client.force_login(user)
        assert client.get(url).status_code == 403, user
    client.logout()
    assert client.get(url).status_code == 302  # sign in first


def test_a_restricted_case_s_badge_needs_the_need_to_know_and_a_tampered_token_is_a_404(
    protocol, make_user, client
) -> None:
    case = make_delegation(actor=protocol, participants=0, access_level=Case.AccessLevel.RESTRICTED)
    case = _with_guests(case, protocol, 1)
    url = _verify_url(case)
    client.force_login(make_user(Role.PROTOCOL))  # no grant for this case
    assert client.get(url).status_code == 404
    client.force_login(protocol)
    assert client.get(url).status_code == 200
    token = url.split("/")[3]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/printouts/badge/{tampered}/").status_code == 404
    other = badge_token(case_id=case.pk, participant_id=case.participants.get().pk + 1000)
    assert client.get(f"/printouts/badge/{other}/").status_code == 404
    assert client.get("/printouts/badge/1:2/").status_code == 404

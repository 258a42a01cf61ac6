from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from delegations.models import Delegation
from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, Organisation, Person

pytestmark = pytest.mark.django_db

START = timezone.localdate() + datetime.timedelta(days=14)


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _form(protocol, **overrides: Any) -> dict[str, Any]:
    """What the create page posts for an inbound delegation with two participants and a programme."""
    data: dict[str, Any] = {
        "direction": "inbound",
        "delegation_kind": "diplomatic",
        "mode": "in_person",
        "access_level": "normal",
        "title": "Đoàn Đại sứ quán Pháp",
        "purpose": "Thăm và làm việc",
        "start_date": _d(START),
        "end_date": _d(START + datetime.timedelta(days=1)),
        "countries": ["FR"],
        "counterpart_name": "Ambassade de France",
        "counterpart_kind": "diplomatic_mission",
        "counterpart_country": "FR",
        "lead_agency": protocol.agency.pk,
        "responsible_officer": protocol.pk,
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        "participants-0-full_name": "Olivier Brochet",
        "participants-0-nationality": "FR",
        "participants-0-sex": "male",
        "participants-0-passport_number": "19AB00001",
        "participants-0-passport_expiry": _d(START + datetime.timedelta(days=700)),
        "participants-0-role": "head",
        "participants-1-full_name": "Claire Martin",
        "participants-1-nationality": "FR",
        "participants-1-sex": "female",
        "participants-1-passport_number": "19AB00002",
        "participants-1-role": "member",
        "programme-TOTAL_FORMS": "1",
        "programme-INITIAL_FORMS": "0",
        "programme-0-start": f"{_d(START)} 08:30",
        "programme-0-end": f"{_d(START)} 10:00",
        "programme-0-place": "Trụ sở UBND tỉnh",
        "programme-0-activity": "meeting",
        "programme-0-hosts": "Chủ tịch UBND tỉnh",
    }
    data.update(overrides)
    return data


@pytest.fixture
def protocol_client(client: Client, protocol) -> Client:
    client.force_login(protocol)
    return client


def test_protocol_creates_a_delegation_with_participants_programme_and_counterpart(
    protocol_client: Client, protocol
) -> None:
    response = protocol_client.post(reverse("delegations:create"), _form(protocol))

    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert case.reference.startswith("DV-")
    assert case.delegation.delegation_kind == Delegation.Kind.DIPLOMATIC
    assert case.counterpart == Organisation.objects.get(name="Ambassade de France", country="FR")
    assert [p.person.full_name for p in case.participants.select_related("person")] == [
        "Olivier Brochet",
        "Claire Martin",
    ]
    assert case.programme_items.get().place == "Trụ sở UBND tỉnh"
    assert [c.code for c in case.countries] == ["FR"]


def test_the_create_page_starts_with_the_users_agency_and_offers_inbound_only(
    protocol_client: Client, protocol
) -> None:
    form = protocol_client.get(reverse("delegations:create"), {"direction": "outbound"}).context["form"]

    assert form.initial["direction"] == "inbound"
    assert [value for value, _label in form.fields["direction"].choices] == ["inbound"]
    assert form.initial["lead_agency"] == protocol.agency_id


def test_an_outbound_delegation_is_refused_here_and_nothing_is_saved(protocol) -> None:
    from delegations.services import delegation_create
    from ttdn.cases.errors import CaseError
    from ttdn.cases.services.cases import CaseData

    fields = {"direction": "outbound", "title": "Đoàn ra", "start_date": timezone.localdate(),
              "end_date": timezone.localdate(), "lead_agency": protocol.agency}  # fmt: skip
    with pytest.raises(CaseError, match="record an outbound delegation"):
        delegation_create(actor=protocol, data=CaseData(fields=fields), delegation_kind="government")
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"end_date": _d(START - datetime.timedelta(days=1))},
            "end_date",
            "không thể kết thúc trước khi bắt đầu",
        ),
        (
            {
                "programme-0-start": f"{_d(START + datetime.timedelta(days=5))} 08:00",
                "programme-0-end": f"{_d(START + datetime.timedelta(days=5))} 09:00",
            },
            "programme",
            "Ngoài thời gian chuyến thăm",
        ),
        (
            {"participants-1-passport_number": "19AB00001", "participants-1-nationality": "FR"},
            "participants",
            "hai lần",
        ),
        ({"participants-0-nationality": "XX"}, "participants", "Chọn một quốc gia trong danh sách"),
        ({"counterpart_country": ""}, "counterpart_country", "Cần cho đối tác mới"),
        ({"programme-0-end": f"{_d(START)} 08:00"}, "programme", "phải kết thúc sau khi bắt đầu"),
    ],
)
def test_bad_input_saves_nothing_and_says_why_in_vietnamese(
    protocol_client: Client, protocol, overrides, field, message
) -> None:
    response = protocol_client.post(reverse("delegations:create"), _form(protocol, **overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Case.objects.exists()
    assert not Person.objects.exists()
    assert not Organisation.objects.exists()


def test_a_passport_ending_during_the_visit_needs_confirmation(protocol_client: Client, protocol) -> None:
    expiring = _form(protocol, **{"participants-0-passport_expiry": _d(START)})

    warned = protocol_client.post(reverse("delegations:create"), expiring)
    assert warned.status_code == 400
    assert "hết hạn" in warned.content.decode()
    assert not Case.objects.exists()

    confirmed = protocol_client.post(reverse("delegations:create"), {**expiring, "confirm_warnings": "on"})
    assert confirmed.status_code == 302
    assert Case.objects.count() == 1


def test_editing_keeps_the_reference_and_updates_participants(protocol_client: Client, protocol) -> None:
    protocol_client.post(reverse("delegations:create"), _form(protocol))
    case = Case.objects.get()
    edit = _form(
        protocol,
        **{
            "title": "Đoàn Đại sứ quán Pháp (sửa)",
            "delegation_kind": "government",
            "counterpart": case.counterpart_id,
            "counterpart_name": "",
            "participants-INITIAL_FORMS": "2",
            "participants-1-DELETE": "on",
            "programme-INITIAL_FORMS": "1",
        },
    )

    response = protocol_client.post(reverse("delegations:edit", kwargs={"pk": case.pk}), edit)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Đoàn Đại sứ quán Pháp (sửa)"
    assert case.delegation.delegation_kind == "government"
    assert case.participants.count() == 1
    assert Case.objects.count() == 1


def test_the_edit_page_shows_the_case_as_it_is(protocol_client: Client, protocol) -> None:
    case = make_delegation(actor=protocol, participants=2, programme=1)

    editor = protocol_client.get(reverse("delegations:edit", kwargs={"pk": case.pk})).context["editor"]

    assert [form.initial["full_name"] for form in editor.participants.initial_forms] == [
        "Participant 0",
        "Participant 1",
    ]
    assert len(editor.programme.initial_forms) == 1


@pytest.mark.parametrize("role", [Role.LEADER, Role.POLICE, Role.AGENCY, Role.ADMIN])
def test_other_roles_may_not_create_or_edit(client: Client, make_user, protocol, role) -> None:
    case = make_delegation(actor=protocol)
    client.force_login(make_user(role, agency=protocol.agency))

    assert client.get(reverse("delegations:create")).status_code == 403
    assert client.post(reverse("delegations:create"), _form(protocol)).status_code == 403
    # The police see only the cases referred to them: this one is missing to them, a 404.
    unseen = role == Role.POLICE
    assert client.get(reverse("delegations:edit", kwargs={"pk": case.pk})).status_code == (
        404 if unseen else 403
    )
    assert Case.objects.count() == 1


def test_editing_a_case_the_user_may_not_see_is_a_404(client: Client, make_user, protocol) -> None:
    case = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED)
    client.force_login(make_user(Role.PROTOCOL))

    assert client.get(reverse("delegations:edit", kwargs={"pk": case.pk})).status_code == 404


def test_untouched_extra_rows_are_ignored(protocol_client: Client, protocol) -> None:
    form = _form(protocol, **{"participants-TOTAL_FORMS": "4", "programme-TOTAL_FORMS": "3"})
    # what a browser sends for rows left as they were shown
    form.update({"participants-2-sex": "unspecified", "participants-2-role": "member", "participants-3-sex": "unspecified",
                 "participants-3-role": "member", "programme-1-activity": "meeting", "programme-2-activity": "meeting"})  # fmt: skip

    response = protocol_client.post(reverse("delegations:create"), form)

    assert response.status_code == 302
    assert Case.objects.get().participants.count() == 2

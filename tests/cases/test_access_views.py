from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ensure_police_agency, make_agency, make_delegation, person_data
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, Case
from ttdn.cases.selectors import cases_visible_to
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update
from ttdn.cases.services.workflow import case_transition

pytestmark = pytest.mark.django_db

PASSPORT = "TK1234567"


@pytest.fixture
def hosted(protocol):
    host = make_agency()
    case = make_delegation(actor=protocol, co_hosts=[host], participants=0)
    case_update(
        actor=protocol,
        case=case,
        data=CaseData(
            fields={},
            co_host_agencies=[host],
            participants=[ParticipantData(person_data("Tanaka Hiroshi", "JP", PASSPORT))],
        ),
    )
    return case, host


def _page(client: Client, user, case: Case) -> str:
    client.force_login(user)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_passports_are_masked_for_host_agencies_and_leaders(client: Client, make_user, hosted) -> None:
    case, host = hosted
    for user in [make_user(Role.AGENCY, agency=host), make_user(Role.LEADER)]:
        page = _page(client, user, case)
        assert PASSPORT not in page
        assert "•••567" in page


def test_protocol_and_admins_see_passports(client: Client, make_user, protocol, hosted) -> None:
    case, _host = hosted
    assert PASSPORT in _page(client, protocol, case)
    assert PASSPORT in _page(client, make_user(Role.ADMIN, is_staff=True), case)


def test_police_see_passports_of_the_cases_referred_to_them_only(
    client: Client, make_user, protocol, hosted
) -> None:
    case, _host = hosted
    officer = make_user(Role.POLICE, agency=ensure_police_agency())
    client.force_login(officer)
    assert client.get(case.get_absolute_url()).status_code == 404

    case_transition(actor=protocol, case=case, name="submit")

    assert PASSPORT in _page(client, officer, case)


def test_viewing_a_restricted_case_is_logged_with_the_address(client: Client, protocol) -> None:
    case = make_delegation(actor=protocol, access_level="restricted")
    client.force_login(protocol)

    client.get(case.get_absolute_url(), REMOTE_ADDR="10.1.2.3")

    log = AccessLog.objects.get()
    assert (log.user, log.case, log.action, log.ip_address) == (protocol, case, "view_restricted", "10.1.2.3")


def test_viewing_a_normal_case_is_not_logged(client: Client, protocol) -> None:
    case = make_delegation(actor=protocol)
    _page(client, protocol, case)

    assert not AccessLog.objects.exists()


def test_protocol_grants_and_revokes_need_to_know_on_the_page(client: Client, make_user, protocol) -> None:
    case = make_delegation(actor=protocol, access_level="restricted")
    leader = make_user(Role.LEADER)
    host = make_agency()
    host_user = make_user(Role.AGENCY, agency=host)
    client.force_login(protocol)
    url = reverse("cases:access_change", kwargs={"pk": case.pk, "action": "grant"})

    client.post(url, {"user": leader.pk})
    client.post(url, {"agency": host.pk})

    assert list(cases_visible_to(leader)) == [case]
    assert list(cases_visible_to(host_user)) == [case]
    page = _page(client, protocol, case)
    assert "đã cấp quyền" in page and leader.full_name in page  # the grant is on the timeline

    client.force_login(protocol)
    client.post(
        reverse("cases:access_change", kwargs={"pk": case.pk, "action": "revoke"}), {"user": leader.pk}
    )
    assert not cases_visible_to(leader).exists()
    assert "đã thu hồi quyền" in _page(client, protocol, case)


def test_only_protocol_and_admins_manage_need_to_know(client: Client, make_user, protocol) -> None:
    case = make_delegation(actor=protocol, access_level="restricted")
    leader = make_user(Role.LEADER)
    from ttdn.cases.services.access import case_grant_access

    case_grant_access(actor=protocol, case=case, users=[leader])
    client.force_login(leader)
    outsider = make_user(Role.LEADER)

    response = client.post(
        reverse("cases:access_change", kwargs={"pk": case.pk, "action": "grant"}),
        {"user": outsider.pk},
        follow=True,
    )

    assert "Chỉ cán bộ lễ tân đối ngoại và quản trị viên" in response.content.decode()
    assert not cases_visible_to(outsider).exists()
    assert 'id="access"' not in response.content.decode()


def test_the_access_log_is_on_the_timeline_for_protocol_only(
    client: Client, make_user, protocol, attachment_storage
) -> None:
    case = make_delegation(actor=protocol, access_level="restricted")
    leader = make_user(Role.LEADER)
    from ttdn.cases.services.access import case_grant_access

    case_grant_access(actor=protocol, case=case, users=[leader])
    _page(client, leader, case)

    assert "đã xem hồ sơ hạn chế" in _page(client, protocol, case)
    assert "đã xem hồ sơ hạn chế" not in _page(client, leader, case)


def test_admin_edits_the_need_to_know_list(client: Client, make_user, protocol) -> None:
    case = make_delegation(actor=protocol, access_level="restricted")
    admin_user = make_user(Role.ADMIN, is_staff=True)
    from ttdn.cases.services.access import case_grant_access

    case_grant_access(actor=protocol, case=case, users=[admin_user])
    leader = make_user(Role.LEADER)
    client.force_login(admin_user)
    form = client.get(reverse("admin:cases_case_change", args=[case.pk])).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "need_to_know_users": [admin_user.pk, leader.pk],
            "need_to_know_agencies": [],
            "countries": ["JP"],
            "co_host_agencies": [],
            "start_date": case.start_date.isoformat(),
            "end_date": case.end_date.isoformat(),
        }
    )
    for prefix in ("participants", "programme_items", "attachments"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    response = client.post(reverse("admin:cases_case_change", args=[case.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(cases_visible_to(leader)) == [case]


def test_person_admin_masks_passports_for_staff_without_identity_rights(
    client: Client, make_user, hosted
) -> None:
    staff_leader = make_user(Role.LEADER, is_staff=True)
    staff_leader.user_permissions.add(
        *__import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.filter(
            codename="view_person"
        )
    )
    client.force_login(staff_leader)

    page = client.get(reverse("admin:cases_person_changelist")).content.decode()

    assert "Tanaka Hiroshi" in page
    assert PASSPORT not in page

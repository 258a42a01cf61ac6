from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.factories import make_agency
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for_role(client: Client, make_user) -> Client:
    client.force_login(make_user(Role.ADMIN, is_staff=True))
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:accounts_user_changelist",
        "admin:accounts_agency_changelist",
        "admin:auth_group_changelist",
    ],
)
def test_admin_role_lists_with_search_and_filters(admin_client_for_role: Client, url_name: str) -> None:
    response = admin_client_for_role.get(reverse(url_name), {"q": "so"})

    assert response.status_code == 200
    assert 'id="changelist-search"' in response.content.decode()


def test_user_list_filters_by_role(admin_client_for_role: Client, make_user) -> None:
    police = make_user(Role.POLICE)
    protocol = make_user(Role.PROTOCOL)

    response = admin_client_for_role.get(reverse("admin:accounts_user_changelist"), {"role": "police"})

    shown = set(response.context["cl"].result_list)
    assert police in shown
    assert protocol not in shown


def test_agency_created_in_the_admin_gets_its_group(admin_client_for_role: Client) -> None:
    response = admin_client_for_role.post(
        reverse("admin:accounts_agency_add"),
        {
            "code": "so-ngoai-vu",
            "name_vi": "Sở Ngoại vụ",
            "name_en": "",
            "kind": "department",
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.context["adminform"].errors
    assert Agency.objects.get(code="so-ngoai-vu").group.name == "agency:so-ngoai-vu"


def test_user_saved_in_the_admin_joins_its_agency_group(
    admin_client_for_role: Client, agency_factory
) -> None:
    agency = agency_factory()
    admin_client_for_role.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newofficer",
            "full_name": "Hoàng Văn Nam",
            "email": "nam@example.vn",
            "agency": agency.pk,
            "password1": "a-Strong-pass-4242",
            "password2": "a-Strong-pass-4242",
        },
    )

    user = User.objects.get(username="newofficer")
    assert user.groups.filter(pk=agency.group.pk).exists()


def test_other_roles_cannot_open_the_admin(client: Client, make_user) -> None:
    client.force_login(make_user(Role.PROTOCOL))

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_refuses_a_second_active_top_level_police_agency(admin_client_for_role: Client) -> None:
    police = make_agency(code="ca-tinh", name_vi="Công an tỉnh", kind=Agency.Kind.POLICE)
    fields = {"name_en": "", "kind": "police", "is_active": "on"}
    add = reverse("admin:accounts_agency_add")

    refused = admin_client_for_role.post(add, {"code": "ca-tinh-2", "name_vi": "Công an tỉnh (2)", **fields})
    assert refused.status_code == 200
    errors = [str(error) for error in refused.context["adminform"].form.non_field_errors()]
    assert errors == [
        "Đã có một cơ quan công an cấp tỉnh đang hoạt động; đơn vị công an khác phải chọn cơ quan đó làm "
        "cơ quan cấp trên."
    ]
    assert not Agency.objects.filter(code="ca-tinh-2").exists()

    unit = {"code": "pa03", "name_vi": "Phòng An ninh đối ngoại", "parent": police.pk, **fields}
    assert admin_client_for_role.post(add, unit).status_code == 302
    inactive = {"code": "ca-cu", "name_vi": "Công an tỉnh (cũ)", "name_en": "", "kind": "police"}
    assert admin_client_for_role.post(add, inactive).status_code == 302
    assert Agency.provincial_police() == police


@pytest.fixture
def staff_admin(make_user) -> User:
    return make_user(Role.ADMIN, is_staff=True, full_name="Quản Trị Viên")


def test_roles_and_agency_changed_in_the_admin_keep_who_changed_them(
    client: Client, staff_admin: User, make_user, agency_factory
) -> None:
    user = make_user(Role.PROTOCOL)
    second = agency_factory()
    leader = Group.objects.get(name=Role.LEADER)
    client.force_login(staff_admin)
    before = user.history.latest()

    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {"username": user.username, "full_name": user.full_name, "email": user.email, "phone": "",
         "agency": second.pk, "position": "", "preferred_language": "vi", "is_active": "on",
         "groups": [leader.pk], "date_joined_0": "01/01/2026", "date_joined_1": "08:00:00"},
    )  # fmt: skip

    assert response.status_code == 302, response.context["adminform"].errors
    rows = list(user.history.filter(history_id__gt=before.history_id).order_by("history_id"))
    assert rows and {row.history_user for row in rows} == {staff_admin}
    last = rows[-1]
    assert last.agency == second
    assert set(last.groups.values_list("group__name", flat=True)) == {"leader", second.group.name}
    page = client.get(reverse("admin:accounts_user_history", args=[user.pk]))
    assert page.status_code == 200
    assert staff_admin.full_name in page.content.decode()


def test_an_agency_changed_in_the_admin_keeps_who_changed_it(client: Client, staff_admin: User) -> None:
    agency = make_agency(code="so-nv", name_vi="Sở Ngoại vụ")
    client.force_login(staff_admin)

    response = client.post(
        reverse("admin:accounts_agency_change", args=[agency.pk]),
        {"code": "so-nv", "name_vi": "Sở Ngoại vụ tỉnh", "name_en": "", "kind": "department"},
    )

    assert response.status_code == 302
    record = agency.history.latest()
    assert (record.name_vi, record.is_active, record.history_user) == ("Sở Ngoại vụ tỉnh", False, staff_admin)
    assert record.prev_record.name_vi == "Sở Ngoại vụ"
    page = client.get(reverse("admin:accounts_agency_history", args=[agency.pk]))
    assert page.status_code == 200
    assert staff_admin.full_name in page.content.decode()

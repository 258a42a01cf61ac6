"""The NGO timers and the annual report's date where the admins set them: *Deadline timers* lists
the new anchors with each timer's legal basis; the registry's settings change the report's date."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from ngos.deadlines import annual_report_due
from ngos.models import NgoSettings
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, make_user) -> Client:
    client.force_login(make_user(Role.ADMIN, is_staff=True, full_name="Quản Trị Viên"))
    return client


def test_the_deadline_timers_list_the_ngo_timers_by_their_anchor_with_their_legal_basis(
    admin_client: Client,
) -> None:
    url = reverse("admin:cases_timer_changelist")
    page = admin_client.get(url, {"anchor__exact": "after_certificate"}).content.decode()
    assert "Kế hoạch hoạt động của tổ chức PCPNN" in page
    assert "Thông báo tài khoản ngân hàng của tổ chức PCPNN" in page
    assert "Nghị định 58/2022/NĐ-CP" in page
    assert "Báo cáo tiến độ dự án viện trợ PCP" not in page
    page = admin_client.get(url, {"anchor__exact": "after_period"}).content.decode()
    assert "Nghị định 80/2020/NĐ-CP" in page
    # the filter offers both new anchors, in Vietnamese
    assert "anchor__exact=after_certificate" in page and "anchor__exact=after_period" in page


def test_the_admins_set_the_annual_report_s_date_and_its_history_is_kept(admin_client: Client) -> None:
    settings_row = NgoSettings.objects.get(pk=1)
    url = reverse("admin:ngos_ngosettings_change", args=[settings_row.pk])
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(url, {"annual_report_month": "11", "annual_report_day": "25"})

    assert response.status_code == 302
    assert annual_report_due(2027) == datetime.date(2027, 11, 25)
    assert settings_row.history.latest().history_user.full_name == "Quản Trị Viên"
    refused = admin_client.post(url, {"annual_report_month": "2", "annual_report_day": "29"})
    assert refused.status_code == 200  # a day every year has: at most the 28th, refused
    assert "errornote" in refused.content.decode()
    assert annual_report_due(2028) == datetime.date(2028, 11, 25)

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from ttdn.accounts.models import User
from ttdn.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RESTRICTED_TITLE = "Đoàn chuyên gia quốc phòng nước ngoài khảo sát khu vực biên giới"


def _listed(page: Page) -> set[str]:
    page.goto("/cases/")
    return set(page.locator("table.table tbody td.nowrap a").all_inner_texts())


def test_the_demo_police_officer_sees_only_the_cases_referred_to_the_police(
    demo_data: None, page: Page
) -> None:
    # Submitting refers a case to the police; a restricted one until its review is withdrawn.
    referred = {
        case.reference
        for case in Case.objects.filter(reviews__isnull=False)
        .exclude(access_level="restricted", status__in=Case.WITHDRAWN)
        .distinct()
    }
    not_referred = set(Case.objects.values_list("reference", flat=True)) - referred
    sign_in(page, "police")

    listed = _listed(page)

    assert listed == referred
    assert listed.isdisjoint(not_referred)


def test_the_demo_agency_user_sees_its_hosted_case_with_passports_masked(demo_data: None, page: Page) -> None:
    case = Case.objects.get(title="Đoàn Đại sứ quán Nhật Bản thăm và làm việc")  # co-hosted by Sở VHTTDL
    sign_in(page, "agency")

    assert case.reference in _listed(page)
    page.get_by_role("link", name=case.reference).click()

    passports = page.locator("#participants td.passport")
    expect(passports.first).to_contain_text("•••567")
    expect(page.locator("#participants")).not_to_contain_text("TK1234567")


def test_a_restricted_case_is_invisible_to_the_leader_until_granted(demo_data: None, page: Page) -> None:
    case = Case.objects.get(title=RESTRICTED_TITLE)
    sign_in(page, "leader")
    assert case.reference not in _listed(page)
    page.goto(case.get_absolute_url())
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()

    sign_in(page, "protocol")
    page.goto(case.get_absolute_url())
    page.locator("#access").get_by_role("link", name="Cấp quyền xem").click()
    users = page.locator("select[name=user] + .ts-wrapper")
    users.locator(".ts-control").click()
    users.locator("input").press_sequentially("pham quoc")
    page.locator(".ts-dropdown:visible .option", has_text="Phạm Quốc Bảo").click()
    expect(page.locator(".ts-dropdown:visible")).to_have_count(0)  # chosen: the list closed
    expect(page.locator("select[name=user]")).to_have_value(str(User.objects.get(username="leader").pk))
    page.get_by_role("button", name="Cấp quyền xem").click()
    expect(page.locator("#access .grantlist")).to_contain_text("Phạm Quốc Bảo")

    sign_in(page, "leader")
    assert case.reference in _listed(page)
    page.goto(case.get_absolute_url())
    expect(page.get_by_role("heading", name=f"{case.reference} · {RESTRICTED_TITLE}")).to_be_visible()

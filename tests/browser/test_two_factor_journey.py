"""The demo police officer signs in with a password and an authenticator code, and works."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import current_code
from ttdn.accounts.demo import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_police_officer_gives_the_app_code_and_reaches_the_review_queue(
    demo_data: None, page: Page
) -> None:
    page.goto("/cases/reviews/")
    page.get_by_label("Tên đăng nhập").fill("police")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator(".authbox").get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", name="Đăng nhập hai bước")).to_be_visible()
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_have_count(0)
    page.get_by_label("Mã xác thực").fill("000000" if current_code("police") != "000000" else "111111")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_text("Mã không đúng")).to_be_visible()

    page.get_by_label("Mã xác thực").fill(current_code("police"))
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page).to_have_url(re.compile(r"/cases/reviews/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("kiểm tra bảo mật", ignore_case=True)
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_the_admin_signs_in_through_the_site_and_the_admin_keeps_the_csp(demo_data: None, page: Page) -> None:
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill("admin")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator(".authbox").get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã xác thực").fill(current_code("admin"))
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto("/admin/accounts/user/")
    page.goto("/admin/accounts/user/1/change/")
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui")).to_be_visible()

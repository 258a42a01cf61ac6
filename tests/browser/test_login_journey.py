from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ttdn.accounts.demo import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_protocol_user_logs_in_switches_to_english_and_sees_home(demo_data: None, page: Page) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill("protocol")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator(".authbox").get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", name="Xin chào, Nguyễn Thị Lan")).to_be_visible()
    expect(page.get_by_text("Cán bộ lễ tân đối ngoại")).to_be_visible()

    page.get_by_role("button", name="EN").click()

    expect(page.get_by_role("heading", name="Welcome, Nguyễn Thị Lan")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Home")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

from __future__ import annotations

from playwright.sync_api import Page, expect

from ttdn.accounts.demo import DEMO_PASSWORD


def sign_in(page: Page, username: str) -> None:
    """Sign in as a demo user through the sign-in page (Vietnamese, as the site opens)."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator(".authbox").get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

from __future__ import annotations

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from ttdn.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from ttdn.accounts.two_factor import TWO_FACTOR_ROLES

TWO_FACTOR_USERS = {username for username, *_rest, role in DEMO_USERS if role in TWO_FACTOR_ROLES}


def sign_in(page: Page, username: str) -> None:
    """Sign in as a demo user through the sign-in page (Vietnamese, as the site opens)."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.locator(".authbox").get_by_role("button", name="Đăng nhập").click()
    if username in TWO_FACTOR_USERS:
        page.get_by_label("Mã xác thực").fill(current_code(username))
        page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def current_code(username: str) -> str:
    """The code the demo user's authenticator app shows now. A code is accepted once per
    30 seconds, and a wrong one makes the next try wait: the test goes on as if it had waited."""
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"

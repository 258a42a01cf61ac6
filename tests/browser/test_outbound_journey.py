from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from ttdn.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _shot(page: Page, name: str) -> None:
    """Where the journey's pages are kept to look at (var/screenshots/, ignored by git)."""
    folder = Path(settings.BASE_DIR) / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"outbound-{name}.png"), full_page=True)


def test_protocol_sends_a_delegation_abroad_with_its_officials_and_their_passports(
    demo_data: None, page: Page
) -> None:
    start = timezone.localdate() + datetime.timedelta(days=40)
    sign_in(page, "protocol")

    page.get_by_role("link", name="+ Thêm đoàn ra").first.click()
    expect(page.locator("[name=participants-TOTAL_FORMS]")).to_have_count(0)
    page.get_by_label("Cấp trưởng đoàn").select_option(index=1)
    page.get_by_label("Nguồn kinh phí").select_option("state_budget")
    page.get_by_label("Tiêu đề").fill("Đoàn xúc tiến thương mại tại Pháp")
    page.get_by_label("Ngày bắt đầu").fill(f"{start:%Y-%m-%d}")
    page.get_by_label("Ngày kết thúc").fill(f"{start + datetime.timedelta(days=5):%Y-%m-%d}")
    page.locator("select[name=countries]").select_option("FR")
    page.get_by_label("Tài liệu mang theo").fill("Tài liệu giới thiệu sản phẩm OCOP")
    _shot(page, "form")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_text("Đã lưu hồ sơ DR-")).to_be_visible()
    expect(page.locator("#participants")).to_have_count(0)
    page.locator("#members").get_by_role("link", name="Thêm thành viên").click()
    page.get_by_label("Hoặc cán bộ mới: họ và tên").fill("Hoàng Văn Sơn")
    page.locator("select[name=agency]").select_option(label="Sở Tài chính")
    page.get_by_label("Vai trò").select_option("head")
    page.get_by_role("button", name="Thêm thành viên").click()
    expect(page.locator("#members tbody tr")).to_have_count(1)
    page.locator("#members").get_by_role("link", name="Hộ chiếu").click()
    page.get_by_label("Loại hộ chiếu").select_option("official")
    page.get_by_label("Số hộ chiếu").fill("C9876543")
    page.get_by_label("Ngày giao").fill(f"{start - datetime.timedelta(days=2):%Y-%m-%d}")
    page.get_by_role("button", name="Lưu hộ chiếu").click()

    row = page.locator("#members tbody tr").first
    expect(row).to_contain_text("Hoàng Văn Sơn")
    expect(row).to_contain_text("C9876543")
    expect(row).to_contain_text("chưa nộp")
    _shot(page, "case")
    case = Case.objects.get(title="Đoàn xúc tiến thương mại tại Pháp")
    assert (case.kind, case.direction) == ("outbound", "outbound")

    sign_in(page, "leader")
    page.goto(case.get_absolute_url())
    expect(page.locator("#members tbody tr").first).to_contain_text("•••543")
    expect(page.locator("#members")).not_to_contain_text("C9876543")

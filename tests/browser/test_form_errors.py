"""A form of the case page has its own page; sent with a mistake it comes back with the error
beside the field, in view, and what was typed kept (issue 19)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from ttdn.cases.models import Case, SecrecyMark

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_error_is_beside_its_field_in_view_and_the_typed_text_kept(demo_data: None, page: Page) -> None:
    case = Case.objects.filter(status=Case.Status.DRAFT).order_by("pk").first()
    assert case is not None
    sign_in(page, "protocol")
    page.goto(case.get_absolute_url())
    page.locator(".casenav").get_by_role("link", name="Văn bản và tệp đính kèm").click()
    page.get_by_role("link", name="Ghi nhận tài liệu mật").click()

    page.get_by_label("Tên tài liệu").fill("Biên bản hội đàm với Đại sứ quán")
    page.get_by_label("Độ mật").select_option(index=1)
    page.get_by_label("Nơi lưu giữ").fill("Văn thư Văn phòng UBND tỉnh")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()

    # nothing saved, the error beside the missing field and in view, the focus on it
    expect(page.get_by_role("alert")).to_contain_text("Chưa lưu gì")
    missing = page.locator(".field--error")
    expect(missing).to_have_count(2)
    expect(missing.first).to_contain_text("Trường này là bắt buộc")
    expect(missing.first).to_be_in_viewport()
    expect(missing.first.locator("input")).to_be_focused()
    expect(page.get_by_label("Tên tài liệu")).to_have_value("Biên bản hội đàm với Đại sứ quán")
    expect(page.get_by_label("Nơi lưu giữ")).to_have_value("Văn thư Văn phòng UBND tỉnh")
    assert not SecrecyMark.objects.filter(case=case).exists()

    page.get_by_label("Số đăng ký").fill("15/M")
    page.get_by_label("Thời hạn bảo vệ").fill("10 năm")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận tài liệu mật")
    expect(page.locator("#secrecy")).to_contain_text("Biên bản hội đàm với Đại sứ quán")
    assert SecrecyMark.objects.filter(case=case, register_number="15/M").count() == 1


def test_going_back_from_a_form_page_changes_nothing(demo_data: None, page: Page) -> None:
    case = Case.objects.filter(status=Case.Status.DRAFT).order_by("pk").first()
    assert case is not None
    sign_in(page, "protocol")
    page.goto(f"{case.get_absolute_url()}secrecy-marks/")
    page.get_by_label("Tên tài liệu").fill("Thư mời")
    page.get_by_role("link", name="Hủy").click()

    expect(page).to_have_url(f"{page.url.split('/cases/')[0]}{case.get_absolute_url()}#secrecy")
    assert not SecrecyMark.objects.filter(case=case).exists()

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from ttdn.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Tổ chức Plan International khảo sát dự án nước sạch"  # submitted in the demo


def _open_review(page: Page, case: Case) -> None:
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name=re.compile("Kiểm tra bảo mật")
    ).click()
    expect(page.get_by_role("heading", name="Kiểm tra bảo mật")).to_be_visible()
    page.get_by_role("link", name=re.compile(case.reference)).click()


def test_more_information_answer_clearance_with_conditions_and_approval(demo_data: None, page: Page) -> None:
    case = Case.objects.get(title=TITLE)

    sign_in(page, "police")
    _open_review(page, case)
    page.get_by_label("Cần bổ sung thông tin").check()
    page.get_by_label("Câu hỏi, điều kiện hoặc lý do").fill(
        "Đề nghị cho biết danh sách địa điểm khảo sát cụ thể."
    )
    page.get_by_role("button", name="Ghi nhận kết quả").click()
    expect(page.get_by_text("Đã ghi nhận kết quả")).to_be_visible()

    sign_in(page, "protocol")
    page.goto(case.get_absolute_url())
    expect(page.locator(".pagehead .status")).to_have_text("Dự thảo")
    expect(page.locator("#reviews")).to_contain_text("danh sách địa điểm khảo sát")
    page.locator("#reviews").get_by_role("link", name="Trả lời câu hỏi của Công an").click()
    page.get_by_label("Trả lời Công an").fill("Khảo sát tại xã Thượng Lâm và thị trấn Na Hang.")
    page.get_by_role("button", name="Lưu câu trả lời").click()
    page.get_by_role("button", name="Trình hồ sơ").click()
    expect(page.locator(".pagehead .status")).to_have_text("Đã trình")

    sign_in(page, "police")
    _open_review(page, case)
    expect(page.locator(".qa").first).to_contain_text("xã Thượng Lâm")
    for label in (
        "Đã kiểm tra tài liệu về bí mật nhà nước",
        "Chương trình không vào khu vực cấm",
        "Đã quán triệt bảo mật cho cơ quan đón tiếp",
        "Đã nêu rõ hạn chế ghi âm, ghi hình",
    ):
        page.get_by_label(label).check()
    page.get_by_label("Đồng ý có điều kiện").check()
    page.get_by_label("Câu hỏi, điều kiện hoặc lý do").fill("Không ghi hình tại trạm biên phòng.")
    page.get_by_role("button", name="Ghi nhận kết quả").click()
    expect(page.get_by_text("Đã ghi nhận kết quả")).to_be_visible()

    sign_in(page, "leader")
    page.goto(case.get_absolute_url())
    expect(page.locator(".conditions-banner")).to_contain_text("Không ghi hình tại trạm biên phòng.")
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    # the approving document: its number, date (today) and signer (the leader) asked first
    page.get_by_label("Số quyết định").fill("125/QĐ-UBND")
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".pagehead .status")).to_have_text("Đã phê duyệt")
    expect(page.locator("#overview")).to_contain_text("125/QĐ-UBND")

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from press.models import Coverage
from tests.browser.helpers import sign_in
from ttdn.cases.deadlines import add_working_days
from ttdn.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CREW = [
    ("Hans Müller", "C01X00T47", "reporter"),
    ("Lena Schmidt", "C01X00T48", "camera"),
    ("Jonas Weber", "C01X00T49", "producer"),
]


def test_protocol_registers_a_non_resident_crew_sees_the_deadline_and_records_coverage(
    demo_data: None, page: Page
) -> None:
    start = timezone.localdate() + datetime.timedelta(days=40)
    end = start + datetime.timedelta(days=2)
    sign_in(page, "protocol")

    page.get_by_role("link", name="+ Tạo hồ sơ phóng viên").first.click()
    page.get_by_label("Thường trú").select_option("non_resident")
    page.get_by_label("Chủ đề").fill("Chuyển đổi số trong nông nghiệp")
    page.get_by_label("Tiêu đề").fill("Deutsche Welle ghi hình nông nghiệp số")
    page.get_by_label("Ngày bắt đầu").fill(f"{start:%Y-%m-%d}")
    page.get_by_label("Ngày kết thúc").fill(f"{end:%Y-%m-%d}")
    page.locator("select[name=countries]").select_option("DE")
    page.get_by_label("Hoặc đối tác mới: tên").fill("Deutsche Welle")
    page.locator("select[name=counterpart_country]").select_option("DE")
    for index, (name, passport, role) in enumerate(CREW):
        page.locator(f"[name=participants-{index}-full_name]").fill(name)
        page.locator(f"[name=participants-{index}-nationality]").select_option("DE")
        page.locator(f"[name=participants-{index}-passport_number]").fill(passport)
        page.locator(f"[name=participants-{index}-role]").select_option(role)
        page.locator(f"[name=participants-{index}-card_kind]").select_option("permit")
        page.locator(f"[name=participants-{index}-card_number]").fill(f"BNG-2026-09{index}")
        page.locator(f"[name=participants-{index}-card_valid_until]").fill(
            f"{end + datetime.timedelta(days=5):%Y-%m-%d}"
        )
    page.locator("[name=programme-0-start]").fill(f"{start:%Y-%m-%d}T08:00")
    page.locator("[name=programme-0-end]").fill(f"{start:%Y-%m-%d}T11:00")
    page.locator("[name=programme-0-place]").fill("Hợp tác xã chè Mỹ Bằng")
    page.locator("[name=programme-0-activity]").select_option("filming")
    page.locator("[name=programme-0-recording_planned]").check()
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_text("Đã lưu hồ sơ PV-")).to_be_visible()
    expect(page.locator("#participants tbody tr")).to_have_count(3)
    deadline = page.locator("#deadlines tbody tr").first
    expect(deadline).to_contain_text("Hồ sơ phóng viên không thường trú gửi Bộ Ngoại giao")
    expect(deadline).to_contain_text(f"{add_working_days(start, -10):%d/%m/%Y}")

    visited = Case.objects.get(title="KBS làm phim tài liệu về Tân Trào")  # completed in the demo
    page.goto(visited.get_absolute_url())
    page.locator("#coverage").get_by_role("link", name="Ghi nhận sản phẩm báo chí").click()
    coverage = page.locator("form.caseform")
    coverage.get_by_label("Tiêu đề").fill("Mùa thu Tân Trào")
    coverage.get_by_label("Cơ quan báo chí").fill("KBS World")
    coverage.get_by_label("Ngày đăng, phát").fill(f"{timezone.localdate():%Y-%m-%d}")
    coverage.get_by_label("Ngôn ngữ").fill("Tiếng Hàn")
    coverage.get_by_label("Đường dẫn").fill("kbsworld.example/tantrao")
    page.get_by_role("button", name="Ghi nhận sản phẩm báo chí").click()

    expect(page.locator("#coverage")).to_contain_text("Mùa thu Tân Trào")
    assert Coverage.objects.filter(case=visited, title="Mùa thu Tân Trào").exists()

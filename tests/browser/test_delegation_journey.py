from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import FilePayload, Page, expect

from tests.browser.helpers import sign_in
from ttdn.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_protocol_creates_submits_and_finds_an_inbound_delegation(demo_data: None, page: Page) -> None:
    start = timezone.localdate() + datetime.timedelta(days=9)
    day = start.isoformat()  # the browser's date picker takes and sends ISO dates
    sign_in(page, "protocol")

    page.get_by_role("link", name="+ Tạo hồ sơ đoàn").first.click()
    expect(page.get_by_role("heading", name="Tạo hồ sơ đoàn")).to_be_visible()
    page.get_by_label("Loại đoàn").select_option("friendship_locality")
    page.get_by_label("Tiêu đề").fill("Đoàn tỉnh Chiang Mai thăm hữu nghị")
    page.get_by_label("Ngày bắt đầu").fill(day)
    page.get_by_label("Ngày kết thúc").fill((start + datetime.timedelta(days=1)).isoformat())
    page.locator("select[name=countries]").select_option("TH")
    page.get_by_label("Hoặc đối tác mới: tên").fill("Chiang Mai Province")
    page.locator("select[name=counterpart_kind]").select_option("friendship_locality")
    page.locator("select[name=counterpart_country]").select_option("TH")

    for index, (name, passport, role) in enumerate(
        [("Somchai Wongsakul", "AA1234567", "head"), ("Malee Srisuk", "AA7654321", "member")]
    ):
        page.locator(f"[name=participants-{index}-full_name]").fill(name)
        page.locator(f"[name=participants-{index}-nationality]").select_option("TH")
        page.locator(f"[name=participants-{index}-passport_number]").fill(passport)
        page.locator(f"[name=participants-{index}-role]").select_option(role)
    # The page adds a row on demand (static script, no inline code); an empty row is ignored.
    page.get_by_role("button", name="+ Thêm thành viên").click()
    expect(page.locator("[name=participants-2-full_name]")).to_be_visible()

    for index, (hours, place, activity) in enumerate(
        [(("08:00", "10:00"), "Trụ sở UBND tỉnh", "meeting"),
         (("14:00", "16:30"), "Khu du lịch Na Hang", "site_visit"),
         (("19:00", "21:00"), "Nhà khách tỉnh", "ceremony")]
    ):  # fmt: skip
        page.locator(f"[name=programme-{index}-start]").fill(f"{day}T{hours[0]}")
        page.locator(f"[name=programme-{index}-end]").fill(f"{day}T{hours[1]}")
        page.locator(f"[name=programme-{index}-place]").fill(place)
        page.locator(f"[name=programme-{index}-activity]").select_option(activity)
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_text(re.compile(r"Đã lưu hồ sơ DV-\d{4}-\d{4}"))).to_be_visible()
    case = Case.objects.get(title="Đoàn tỉnh Chiang Mai thăm hữu nghị")
    expect(page.locator("#participants tbody tr")).to_have_count(2)
    expect(page.locator("#programme tbody tr")).to_have_count(3)

    page.locator("#attachments").get_by_role("link", name="Đính kèm tệp").click()
    page.locator("select[name=kind]").select_option("request_letter")
    page.set_input_files(
        "input[name=file]",
        files=FilePayload(name="cong-van-de-nghi.pdf", mimeType="application/pdf", buffer=PDF),
    )
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_role("link", name="cong-van-de-nghi.pdf")).to_be_visible()

    page.get_by_role("button", name="Trình hồ sơ").click()
    expect(page.locator(".pagehead .status")).to_have_text("Đã trình")

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Hồ sơ").click()
    page.get_by_label("Tìm kiếm").fill("chiang mai")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()

    page.goto(f"/cases/calendar/?month={start:%Y-%m}")
    expect(page.locator(".calendar__case", has_text=case.reference).first).to_be_visible()

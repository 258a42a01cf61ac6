from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.helpers import sign_in
from ttdn.reports.periods import Period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_leader_opens_last_quarters_report_and_downloads_the_pdf(demo_data: None, page: Page) -> None:
    quarter = Period.last_quarter(timezone.localdate())

    sign_in(page, "leader")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Báo cáo", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Quý {quarter.quarter}/{quarter.year}")
    expect(page.locator(".figures")).to_contain_text("Đoàn vào đón tiếp trực tiếp")

    with page.expect_download() as download_info:
        page.locator(".exports").get_by_role("link", name="PDF").first.click()
    download = download_info.value
    assert re.fullmatch(r"ttdn-bao-cao-\d{8}-\d{8}\.pdf", download.suggested_filename)
    content = open(download.path(), "rb").read()  # noqa: SIM115
    assert content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "BÁO CÁO CÔNG TÁC ĐỐI NGOẠI" in text
    assert f"Quý {quarter.quarter}/{quarter.year}" in text

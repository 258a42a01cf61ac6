from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from ttdn.accounts.models import User
from ttdn.cases.models import FollowUp
from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Chuẩn bị tài liệu giới thiệu du lịch tỉnh (bản tiếng Nhật)"  # due tomorrow in the demo


@pytest.fixture
def swept(demo_data: None) -> None:
    """The sweep beat runs every few minutes, run once now (before the browser starts)."""
    reminders_sweep()


def test_the_agency_user_is_reminded_of_a_follow_up_and_marks_it_done(swept: None, page: Page) -> None:
    followup = FollowUp.objects.select_related("case").get(title=TITLE)
    agency = User.objects.get(username="agency")

    sign_in(page, "agency")
    navigation = page.get_by_role("navigation", name="Điều hướng chính")
    notifications_link = navigation.get_by_role("link", name=re.compile("Thông báo"))
    expect(notifications_link).to_contain_text(re.compile(r"\d"))  # the unread count
    notifications_link.click()
    expect(page.get_by_role("heading", name="Thông báo")).to_be_visible()
    reminder = page.get_by_role(
        "button", name=re.compile(f"Việc sau đoàn của {followup.case.reference} đến hạn")
    )
    expect(reminder).to_contain_text(TITLE)

    reminder.click()
    expect(page).to_have_url(re.compile(rf"/cases/{followup.case.pk}/#followups$"))
    row = page.locator("#followups tr", has_text=TITLE)
    row.get_by_label("Kết quả").fill("Đã gửi bộ tài liệu tiếng Nhật cho Đại sứ quán.")
    row.get_by_role("button", name="Lưu").click()
    expect(page.locator("#followups tr", has_text=TITLE)).to_contain_text("Đã xong")

    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.DONE
    assert followup.closed_by == agency
    assert not Notification.objects.filter(
        recipient=agency, kind="followup_due", read_at__isnull=True
    ).exists()

"""Each role's home page shows its pending work on the demo data, in the browser; a leader
approves from it with one click (issue 19)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import sign_in
from ttdn.cases.models import Case, FollowUp, Review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _panel(page: Page, panel_id: str) -> Locator:
    return page.locator(f"section#{panel_id}")


def test_police_see_reviews_pending_due_soon_overdue_and_their_own(demo_data: None, page: Page) -> None:
    pending = Review.objects.filter(status=Review.Status.PENDING).select_related("case")
    mine = pending.filter(assigned_to__username="police").first()
    assert mine is not None
    sign_in(page, "police")

    for panel in ("reviews-overdue", "reviews-due-soon", "reviews-mine", "reviews-pending"):
        expect(_panel(page, panel).locator("tbody tr a").first).to_be_visible()
    expect(_panel(page, "reviews-mine")).to_contain_text(mine.case.reference)
    for review in pending:
        expect(_panel(page, "reviews-pending")).to_contain_text(review.case.reference)
    expect(page.locator("section#approvals")).to_have_count(0)


def test_protocol_see_what_waits_and_overdue_reports_and_follow_ups(demo_data: None, page: Page) -> None:
    sign_in(page, "protocol")

    expect(_panel(page, "waiting").locator("tbody tr a").first).to_be_visible()
    overdue = _panel(page, "overdue-followups")
    expect(overdue).to_contain_text("Báo cáo kết quả")  # a post-visit report, not only cases
    expect(overdue).to_contain_text("Gửi biên bản làm việc cho Bộ Ngoại giao")


def test_agency_staff_see_their_follow_ups_and_visits(demo_data: None, page: Page) -> None:
    task = FollowUp.objects.get(assignee_agency__code="so-vhttdl", status=FollowUp.Status.OPEN)
    sign_in(page, "agency")

    expect(_panel(page, "my-followups")).to_contain_text(task.title)
    expect(_panel(page, "upcoming")).to_contain_text(task.case.reference)
    expect(page.locator("section#overdue-followups")).to_have_count(0)


def test_a_leader_approves_with_one_click_and_has_no_agency_task(demo_data: None, page: Page) -> None:
    cleared = Case.objects.get(title="Đoàn Tổng Lãnh sự quán Hoa Kỳ thăm khu bảo tồn Na Hang")
    sign_in(page, "leader")

    approvals = _panel(page, "approvals")
    expect(approvals).to_contain_text(cleared.reference)
    # the post-visit report owed by the leader's office is its staff's, not the leader's
    expect(page.locator("section#my-followups")).to_have_count(0)
    approvals.get_by_role("button", name=f"Phê duyệt {cleared.reference}", exact=True).click()

    expect(page.locator(".messages")).to_contain_text(cleared.reference)
    expect(page.get_by_role("heading", name="Chờ đồng chí phê duyệt")).to_be_visible()
    case = Case.objects.get(pk=cleared.pk)
    assert case.status == Case.Status.APPROVED
    assert case.decision_signer == "Phạm Quốc Bảo, Phó Chủ tịch UBND tỉnh"
    page.goto(case.get_absolute_url())
    expect(page.locator(".pagehead .status")).to_have_text("Đã phê duyệt")
    expect(page.locator("dl")).to_contain_text("Phạm Quốc Bảo, Phó Chủ tịch UBND tỉnh")

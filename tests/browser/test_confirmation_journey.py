"""Each consequential move asks first, in the browser: going back changes nothing, confirming
makes the move (issue 19)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from ttdn.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _asked(page: Page, case: Case, button: str, reason: str = "") -> None:
    page.goto(case.get_absolute_url())
    if reason:
        page.locator(".workflow").get_by_placeholder("Lý do").last.fill(reason)
    page.locator(".workflow").get_by_role("button", name=button).click()
    expect(page.get_by_role("alertdialog")).to_be_visible()


def test_cancelling_asks_first_and_going_back_changes_nothing(demo_data: None, page: Page) -> None:
    case = Case.objects.filter(status=Case.Status.DRAFT).order_by("pk").first()
    assert case is not None
    sign_in(page, "protocol")

    _asked(page, case, "Hủy hồ sơ", reason="Đối tác hoãn chuyến thăm")
    expect(page.get_by_role("alertdialog")).to_contain_text(f"Hồ sơ {case.reference} sẽ bị hủy")
    page.get_by_role("link", name="Không, quay lại (không có gì thay đổi)").click()

    expect(page.locator(".pagehead .status")).to_have_text("Dự thảo")
    assert Case.objects.get(pk=case.pk).status == Case.Status.DRAFT

    _asked(page, case, "Hủy hồ sơ", reason="Đối tác hoãn chuyến thăm")
    page.get_by_role("button", name="Đồng ý: Hủy hồ sơ").click()
    expect(page.locator(".pagehead .status")).to_have_text("Đã hủy")


def test_starting_a_visit_before_its_first_day_asks_first(demo_data: None, page: Page) -> None:
    today = timezone.localdate()
    case = (
        Case.objects.filter(status=Case.Status.APPROVED, start_date__gt=today)
        .exclude(decision_number="")  # the decision recorded: it may start
        .order_by("start_date")
        .first()
    )
    assert case is not None, "the demo has an approved visit still to come"
    sign_in(page, "protocol")

    _asked(page, case, "Bắt đầu chuyến thăm")
    expect(page.get_by_role("alertdialog")).to_contain_text("trước ngày đầu tiên")
    page.get_by_role("link", name="Không, quay lại (không có gì thay đổi)").click()

    assert Case.objects.get(pk=case.pk).status == Case.Status.APPROVED
    assert case.start_date - today >= datetime.timedelta(days=1)

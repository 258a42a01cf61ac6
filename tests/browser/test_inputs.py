"""The case form's inputs in a browser: a searchable select, pasted names, known people suggested."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from ttdn.cases.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Where the pictures of the open dropdown go when asked (TTDN_SCREENSHOTS=folder); none by default.
SHOTS = os.environ.get("TTDN_SCREENSHOTS", "")


def _shoot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_searchable_select_filters_as_one_types_without_diacritics(
    demo_data: None, page: Page, width: int
) -> None:
    sign_in(page, "protocol")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/delegations/new/")
    countries = page.locator("select[name=countries] + .ts-wrapper")
    countries.locator(".ts-control").click()
    countries.locator("input").press_sequentially("nhat ban")
    options = page.locator(".ts-dropdown:visible .option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Nhật Bản")
    _shoot(page, f"case-form-countries-{width}")
    options.first.click()
    expect(page.locator("select[name=countries]")).to_have_values(["JP"])
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_pasted_list_of_three_names_makes_three_participant_rows(demo_data: None, page: Page) -> None:
    sign_in(page, "protocol")
    page.goto("/delegations/new/")
    page.get_by_text("Dán danh sách tên", exact=True).first.click()
    page.get_by_label("Dán danh sách tên").fill("Aiko Sato; Nhật Bản; Phiên dịch\nKenji Ito\tJP\nMaria Rossi")
    page.get_by_role("button", name="Thêm vào thành viên đoàn").click()

    names = page.locator("input[name$=-full_name]:not([name*=__prefix__])")
    expect(names).to_have_count(3)  # the two empty rows, then one more
    assert [names.nth(i).input_value() for i in range(3)] == ["Aiko Sato", "Kenji Ito", "Maria Rossi"]
    expect(page.locator("select[name=participants-0-nationality]")).to_have_value("JP")
    expect(page.locator("[name=participants-0-position]")).to_have_value("Phiên dịch")
    expect(page.locator("select[name=participants-2-nationality]")).to_have_value("")
    expect(page.get_by_role("status")).to_contain_text("Đã thêm 3 dòng")
    expect(page.get_by_label("Dán danh sách tên")).to_have_value("")


def test_a_known_person_suggested_as_one_types_is_linked_when_picked(demo_data: None, page: Page) -> None:
    person = Person.objects.get(full_name="Tanaka Hiroshi")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "protocol")
    page.goto("/delegations/new/")
    name = page.locator("[name=participants-1-full_name]")
    name.press_sequentially("tanaka")

    suggestion = page.get_by_role("option", name="Tanaka Hiroshi")
    expect(suggestion).to_be_visible()
    _shoot(page, "case-form-suggest-1280")
    suggestion.click()

    expect(name).to_have_value("Tanaka Hiroshi")
    expect(page.locator("[name=participants-1-person]")).to_have_value(str(person.pk))
    expect(page.locator("select[name=participants-1-nationality]")).to_have_value("JP")
    expect(page.get_by_text("Người đã có trong danh sách")).to_be_visible()
    # Typing another name undoes the link: no one is linked by mistake.
    name.press("Backspace")
    expect(page.locator("[name=participants-1-person]")).to_have_value("")

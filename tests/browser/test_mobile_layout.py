"""On a phone (390 px wide) no page scrolls sideways, for any role, and the menu folds behind its
button (issue 19). The walk follows every link of the site's pages as each demo user, one page
of each kind (``/cases/3/`` stands for every case)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = ViewportSize(width=390, height=844)
# Not pages: downloads, feeds, the admin (Django's own), the API, signing out, changing language.
NOT_PAGES = re.compile(
    r"logout|set_language|/admin/|/api/|/static/|/media/|\.ics|/feed|/export|/download|/docx/|/pdf/"
    r"|/xlsx/|/csv/|/json/|/template|/files/|/attachments/"
)
PAGES_PER_ROLE = 40


def _wider_than_phone(page: Page, start: str = "/") -> dict[str, int]:
    """The pages reached from ``start`` that are wider than the phone, with their width."""
    seen: set[str] = set()
    queue, wide = [start], {}
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0)
        kind = re.sub(r"\d+", "N", url.split("#")[0].split("?")[0])
        if kind in seen:
            continue
        seen.add(kind)
        response = page.goto(url)
        if (
            response is None
            or response.status != 200
            or "html" not in response.headers.get("content-type", "")
        ):
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[url] = width
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        queue.extend(href for href in links if href.startswith("/") and not NOT_PAGES.search(href))
    assert len(seen) > 8, seen  # the walk did reach the site's pages
    return wide


@pytest.mark.parametrize("username", ["protocol", "agency", "police", "leader"])
def test_no_page_scrolls_sideways_on_a_phone(demo_data: None, page: Page, username: str) -> None:
    sign_in(page, username)  # on a desk, then the same session on a phone
    page.set_viewport_size(PHONE)

    assert _wider_than_phone(page) == {}


def test_each_kind_s_case_page_fits_a_phone(demo_data: None, page: Page) -> None:
    """The walk above sees one case page for all; each kind adds facts and panels of its own (a
    long label such as the outbound trip's mission abroad once pushed the page sideways)."""
    from ttdn.cases import kinds
    from ttdn.cases.models import Case

    first_of_each = {
        code: Case.objects.filter(kind=code).order_by("pk").values_list("pk", flat=True).first()
        for code in kinds.codes()
    }
    assert None not in first_of_each.values(), first_of_each  # the demo has a case of each kind
    sign_in(page, "protocol")
    page.set_viewport_size(PHONE)
    wide = {}
    for code, pk in first_of_each.items():
        page.goto(f"/cases/{pk}/")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[code] = width

    assert wide == {}


def test_the_menu_folds_behind_its_button_on_a_phone(demo_data: None, page: Page) -> None:
    sign_in(page, "protocol")
    page.set_viewport_size(PHONE)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Điều hướng chính")
    toggle = page.get_by_role("button", name="Danh mục")

    expect(menu).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(menu).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu.get_by_role("link", name="Hồ sơ").click()
    expect(page).to_have_url(re.compile(r"/cases/$"))

    page.set_viewport_size(ViewportSize(width=1280, height=900))  # on a desk: always open, no button
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_be_visible()
    expect(page.get_by_role("button", name="Danh mục")).to_be_hidden()


def test_without_script_the_phone_s_menu_stays_open(demo_data: None, page: Page, live_server) -> None:
    sign_in(page, "protocol")
    browser = page.context.browser
    assert browser is not None
    no_script = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    # the same session: its cookie, given as the sign-in set it
    (session,) = [cookie for cookie in page.context.cookies() if cookie["name"] == "sessionid"]
    no_script.add_cookies([{"name": "sessionid", "value": session["value"], "url": live_server.url}])
    phone = no_script.new_page()
    phone.goto("/")

    expect(phone.get_by_role("navigation", name="Điều hướng chính")).to_be_visible()
    expect(phone.get_by_role("button", name="Danh mục")).to_be_hidden()  # it would do nothing
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    no_script.close()


def test_signed_out_the_phone_still_offers_the_language_switch(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/")

    english = page.get_by_role("button", name="EN")
    expect(english).to_be_visible()  # no menu to open: the switch stays in the bar
    english.click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

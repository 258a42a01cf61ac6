"""The sections that the apps beside the cases add to the case page: each in the page's menu of
sections, after the programme, for the users who may see it; absent, menu entry and all, for
the others."""

from __future__ import annotations

import pytest

from tests.factories import make_agency, make_delegation
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db

HOSTING = ["#precedence", "#print-for-guests", "#budget", "#gifts"]


def _menu(body: str) -> str:
    return body.split('class="casenav"', 1)[1].split("</nav>", 1)[0]


def test_protocol_finds_each_hosting_section_in_the_menu_in_the_page_s_order(client, protocol) -> None:
    case = make_delegation(actor=protocol)
    client.force_login(protocol)
    body = client.get(case.get_absolute_url()).content.decode()
    menu = _menu(body)
    positions = [menu.index(f'href="{anchor}"') for anchor in HOSTING]
    assert positions == sorted(positions)
    assert menu.index('href="#programme"') < positions[0] < menu.index('href="#files"')
    page = body.split("</nav>", 1)[1]
    assert [page.index(f'id="{anchor[1:]}"') for anchor in HOSTING] == sorted(
        page.index(f'id="{anchor[1:]}"') for anchor in HOSTING
    )


def test_host_staff_see_the_precedence_but_neither_the_money_nor_the_badges(
    client, protocol, make_user
) -> None:
    host = make_agency(code="so-thu")
    case = make_delegation(actor=protocol, co_hosts=[host])
    staff = make_user(Role.AGENCY, agency=host)
    client.force_login(staff)
    body = client.get(case.get_absolute_url()).content.decode()
    menu = _menu(body)
    assert 'href="#precedence"' in menu and 'id="precedence"' in body
    for anchor in ("#print-for-guests", "#budget", "#gifts"):
        assert f'href="{anchor}"' not in menu
        assert f'id="{anchor[1:]}"' not in body


def test_a_kind_without_foreign_guests_gets_no_guests_panels_but_keeps_the_others(
    client, protocol, monkeypatch
) -> None:
    """``CaseKind.foreign_participants = False``: the guests-only panels (precedence, print-outs
    for the guests, reception budget) are left out, menu entry and all; the gifts stay; the page
    has no participants section for a case that has none."""
    import dataclasses

    from ttdn.cases import kinds

    case = make_delegation(actor=protocol, participants=0)
    without_guests = dataclasses.replace(kinds.get(case.kind), foreign_participants=False)
    monkeypatch.setitem(kinds._registry, case.kind, without_guests)
    client.force_login(protocol)

    body = client.get(case.get_absolute_url()).content.decode()

    menu = _menu(body)
    assert all(f'href="{anchor}"' not in menu for anchor in HOSTING[:3])
    assert 'href="#gifts"' in menu and 'href="#participants"' not in menu
    assert all(f'id="{anchor[1:]}"' not in body for anchor in [*HOSTING[:3], "#participants"])

"""The gifts' pages: the case panel, the forms on pages of their own, the register and its export;
who may not see the case gets a 404, who sees it but not its finances a 403 (or no panel)."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from tests.gifts.helpers import MONDAY, give, receive
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, Case
from ttdn.gifts.models import GiftGiven, GiftReceived

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _case_urls(case: Case) -> list[str]:
    given, received = GiftGiven.objects.get(case=case), GiftReceived.objects.get(case=case)
    return [
        reverse("gifts:given_add", kwargs={"pk": case.pk}),
        reverse("gifts:given_edit", kwargs={"pk": case.pk, "gift_pk": given.pk}),
        reverse("gifts:received_add", kwargs={"pk": case.pk}),
        reverse("gifts:received_edit", kwargs={"pk": case.pk, "gift_pk": received.pk}),
        reverse("gifts:hand_in", kwargs={"pk": case.pk, "gift_pk": received.pk}),
    ]


def test_a_user_who_may_not_see_the_case_gets_404_everywhere(case, outsider) -> None:
    client = _client(outsider)
    for url in _case_urls(case):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"description": "x"}).status_code == 404, url


def test_police_and_host_staff_who_see_the_case_are_refused(case, police, host) -> None:
    for user in (police, host[1]):
        client = _client(user)
        page = client.get(case.get_absolute_url())
        assert page.status_code == 200
        assert 'id="gifts"' not in page.content.decode()
        for url in _case_urls(case):
            assert client.get(url).status_code == 403, url
            assert client.post(url, {"description": "x"}).status_code == 403, url
        assert client.get(reverse("gifts:register")).status_code == 403
        assert client.get(reverse("gifts:register_xlsx")).status_code == 403
    assert case.gifts_given.count() == 1


def test_the_case_panel_shows_each_gift_and_its_status(case, protocol, make_user) -> None:
    body = _client(protocol).get(case.get_absolute_url()).content.decode()
    assert 'id="gifts"' in body
    assert "Porcelain vase" in body and "Lacquer painting" in body
    assert "3,000,000" in body or "3.000.000" in body
    assert "Quá hạn: hạn ngày 09/03/2026" in body  # received in March 2026, long past
    assert reverse("gifts:received_add", kwargs={"pk": case.pk}) in body
    leader_body = _client(make_user(Role.LEADER)).get(case.get_absolute_url()).content.decode()
    assert "Porcelain vase" in leader_body
    assert reverse("gifts:received_add", kwargs={"pk": case.pk}) not in leader_body


def test_a_gift_received_is_recorded_from_its_page(case, protocol) -> None:
    url = reverse("gifts:received_add", kwargs={"pk": case.pk})
    response = _client(protocol).post(
        url,
        {"from_text": "Mayor of Kobe", "recipient_name": "Vice-chairman", "description": "Pearls",
         "estimated_value": "8000000", "received_on": "2026-03-02"},
    )  # fmt: skip
    assert response.status_code == 302
    gift = case.gifts_received.get(description="Pearls")
    assert str(gift.hand_in_due) == "2026-03-09"


def test_errors_come_back_beside_their_fields_and_nothing_is_saved(case, protocol) -> None:
    url = reverse("gifts:received_add", kwargs={"pk": case.pk})
    response = _client(protocol).post(
        url, {"description": "Pearls", "estimated_value": "-5", "received_on": "x"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"estimated_value", "received_on", "from_text", "recipient_name"} <= set(form.errors)
    assert not case.gifts_received.filter(description="Pearls").exists()


def test_the_hand_in_is_recorded_and_its_status_shown(case, protocol) -> None:
    gift = case.gifts_received.get()
    client = _client(protocol)
    url = reverse("gifts:hand_in", kwargs={"pk": case.pk, "gift_pk": gift.pk})
    response = client.post(url, {"declared_on": "2026-03-03", "handed_in_on": "2026-03-04",
                                 "handed_to": "Office finance unit", "decision": "kept"})  # fmt: skip
    assert response.status_code == 302
    gift.refresh_from_db()
    assert str(gift.handed_in_on) == "2026-03-04"
    assert "Đã nộp lại ngày 04/03/2026" in client.get(case.get_absolute_url()).content.decode()


def test_a_gift_of_another_case_is_a_404(case, protocol) -> None:
    from tests.factories import make_delegation

    other = make_delegation(actor=protocol)
    gift = case.gifts_received.get()
    url = reverse("gifts:hand_in", kwargs={"pk": other.pk, "gift_pk": gift.pk})
    assert _client(protocol).get(url).status_code == 404


def test_the_register_lists_the_years_gifts_and_filters_them(case, protocol) -> None:
    client = _client(protocol)
    body = client.get(reverse("gifts:register"), {"year": "2026"}).content.decode()
    assert "Porcelain vase" in body and "Lacquer painting" in body
    body = client.get(reverse("gifts:register"), {"year": "2026", "kind": "received"}).content.decode()
    assert "Porcelain vase" in body and "Lacquer painting" not in body
    body = client.get(reverse("gifts:register"), {"year": 2025}).content.decode()
    assert "Porcelain vase" not in body


def test_the_register_shows_only_the_cases_the_user_may_see(case, protocol, make_user) -> None:
    from tests.factories import make_agency

    other_protocol = make_user(Role.PROTOCOL, agency=make_agency())
    body = _client(other_protocol).get(reverse("gifts:register"), {"year": "2026"}).content.decode()
    from ttdn.cases.selectors import cases_visible_to

    seen = cases_visible_to(other_protocol).filter(pk=case.pk).exists()
    assert ("Porcelain vase" in body) == seen


def test_the_export_holds_the_rows_and_is_logged(case, protocol) -> None:
    response = _client(protocol).get(reverse("gifts:register_xlsx"), {"year": "2026"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    received, given = workbook.worksheets
    rows = list(received.iter_rows(values_only=True))
    assert rows[0][:5] == ("Ngày nhận", "Người nhận", "Người tặng", "Quà tặng", "Giá trị ước tính (đồng)")
    assert rows[1][3] == "Porcelain vase" and rows[1][4] == 3_000_000
    assert rows[1][0].date() == MONDAY
    assert list(given.iter_rows(values_only=True))[1][2] == "Lacquer painting"
    assert AccessLog.objects.filter(case=case, user=protocol, action=AccessLog.Action.EXPORT).exists()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_panel_and_the_register_do_not_grow_with_the_gifts(case, protocol) -> None:
    client = _client(protocol)
    register = reverse("gifts:register") + "?year=2026"
    _queries(client, case.get_absolute_url())
    before = (_queries(client, case.get_absolute_url()), _queries(client, register))
    for n in range(5):
        give(case, protocol, participant=case.participants.last(), recipient_text="")
        receive(case, protocol, from_participant=case.participants.first(), description=f"Gift {n}")
    assert (_queries(client, case.get_absolute_url()), _queries(client, register)) == before


def test_a_restricted_cases_gifts_shown_are_on_its_history(protocol) -> None:
    from rest_framework.test import APIClient

    from tests.api.client import API, _as
    from tests.factories import make_delegation

    restricted = make_delegation(actor=protocol, access_level="restricted")
    receive(restricted, protocol)
    assert _client(protocol).get(reverse("gifts:register"), {"year": "2026"}).status_code == 200
    assert _as(APIClient(), protocol).get(f"{API}/cases/{restricted.pk}/gifts-received/").status_code == 200
    details = set(
        AccessLog.objects.filter(case=restricted, action=AccessLog.Action.VIEW_RESTRICTED).values_list(
            "detail", flat=True
        )
    )
    assert {"gifts register", "api gifts"} <= details


def test_a_finished_cases_gift_is_still_handed_in_from_its_page(case, protocol) -> None:
    from ttdn.cases.services.workflow import case_transition

    case = case_transition(actor=protocol, case=case, name="cancel", reason="Đối tác hoãn chuyến đi")
    gift = case.gifts_received.get()
    client = _client(protocol)
    body = client.get(case.get_absolute_url()).content.decode()
    hand_in = reverse("gifts:hand_in", kwargs={"pk": case.pk, "gift_pk": gift.pk})
    assert hand_in in body
    edit_url = reverse("gifts:received_edit", kwargs={"pk": case.pk, "gift_pk": gift.pk})
    assert f'href="{edit_url}"' not in body
    assert client.get(hand_in).status_code == 200
    response = client.post(hand_in, {"declared_on": "2026-03-03", "handed_in_on": "2026-03-04",
                                     "handed_to": "Office finance unit", "decision": "kept"})  # fmt: skip
    assert response.status_code == 302
    gift.refresh_from_db()
    assert str(gift.handed_in_on) == "2026-03-04"
    assert client.get(edit_url).status_code == 302  # back to the case page, with the reason


def test_the_funding_source_is_not_called_a_budget_line_in_vietnamese(case, protocol) -> None:
    body = _client(protocol).get(reverse("gifts:given_add", kwargs={"pk": case.pk})).content.decode()
    assert "Nguồn kinh phí" in body
    assert "dòng dự toán" not in body.lower()


def test_reading_the_threshold_writes_no_settings(case, protocol) -> None:
    from ttdn.gifts.models import GiftSettings

    GiftSettings.objects.all().delete()
    client = _client(protocol)
    for url in (reverse("gifts:register"), case.get_absolute_url()):
        assert client.get(url).status_code == 200, url
    assert not GiftSettings.objects.exists()

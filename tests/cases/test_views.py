from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_delegation, make_outbound_trip, police_clear
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def protocol_client(client: Client, protocol) -> Client:
    client.force_login(protocol)
    return client


def _references(response) -> list[str]:
    return [case.reference for case in response.context["page"]]


def test_search_ignores_diacritics_and_letter_case(protocol_client: Client, protocol) -> None:
    wanted = make_delegation(actor=protocol, title="Đoàn công tác tỉnh Hà Giang")
    make_delegation(actor=protocol, title="Đoàn Đại sứ quán Nhật Bản")

    for query in ["ha giang", "HÀ GIANG", "Hà giang", "doan cong tac"]:
        response = protocol_client.get(reverse("cases:list"), {"q": query})
        assert _references(response) == [wanted.reference], query


def test_search_finds_participants_and_counterparts(protocol_client: Client, protocol) -> None:
    case = make_delegation(actor=protocol, participants=1)

    response = protocol_client.get(reverse("cases:list"), {"q": "participant 0"})

    assert _references(response) == [case.reference]


def test_list_filters_by_direction_status_country_agency_and_period(
    protocol_client: Client, protocol, agency_factory
) -> None:
    today = timezone.localdate()
    host = agency_factory()
    inbound = make_delegation(actor=protocol, countries=["FR"], start=today + datetime.timedelta(days=40))
    outbound = make_outbound_trip(actor=protocol, countries=["US"], co_hosts=[host])
    Case.objects.filter(pk=outbound.pk).update(status=Case.Status.SUBMITTED)
    url = reverse("cases:list")

    assert _references(protocol_client.get(url, {"direction": "outbound"})) == [outbound.reference]
    assert _references(protocol_client.get(url, {"status": "submitted"})) == [outbound.reference]
    assert _references(protocol_client.get(url, {"country": "FR"})) == [inbound.reference]
    assert _references(protocol_client.get(url, {"agency": host.pk})) == [outbound.reference]
    assert _references(
        protocol_client.get(
            url,
            {"kind": "delegation", "period_from": (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y")},
        )
    ) == [inbound.reference]


def test_list_filters_offer_all_rather_than_dashes(protocol_client: Client) -> None:
    page = protocol_client.get("/cases/").content.decode()

    for name in ("kind", "direction", "status", "country", "agency"):
        first = re.search(rf'<select name="{name}"[^>]*>\s*<option value=""[^>]*>([^<]*)</option>', page)
        assert first and first.group(1) == "Tất cả", name
    assert "---------" not in page


def test_list_sorts_and_paginates(protocol_client: Client, protocol) -> None:
    for n in range(27):
        make_delegation(actor=protocol, title=f"Đoàn {n:02d}", participants=0)

    first = protocol_client.get(reverse("cases:list"), {"sort": "title"})
    second = protocol_client.get(reverse("cases:list"), {"sort": "title", "page": "2"})
    backwards = protocol_client.get(reverse("cases:list"), {"sort": "-title"})

    assert [c.title for c in first.context["page"]][:2] == ["Đoàn 00", "Đoàn 01"]
    assert len(first.context["page"]) == 25
    assert [c.title for c in second.context["page"]] == ["Đoàn 25", "Đoàn 26"]
    assert backwards.context["page"][0].title == "Đoàn 26"


def test_list_query_count_does_not_grow_with_rows(
    protocol_client: Client, protocol, django_assert_max_num_queries
) -> None:
    make_delegation(actor=protocol, participants=2)
    protocol_client.get(reverse("cases:list"))  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        protocol_client.get(reverse("cases:list"))
    for _ in range(15):
        make_delegation(actor=protocol, participants=3, co_hosts=[])
    with CaptureQueriesContext(connection) as many:
        response = protocol_client.get(reverse("cases:list"))

    assert len(response.context["page"]) == 16
    assert len(many) == len(few)


def test_case_page_query_count_does_not_grow_with_participants_and_programme(
    protocol_client: Client, protocol
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_delegation(actor=protocol, participants=1, programme=1)
    large = make_delegation(actor=protocol, participants=12, programme=8)
    protocol_client.get(small.get_absolute_url())

    with CaptureQueriesContext(connection) as few:
        protocol_client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        response = protocol_client.get(large.get_absolute_url())

    assert response.status_code == 200
    assert len(many) == len(few)


def test_case_page_shows_overview_participants_programme_and_history(
    protocol_client: Client, protocol
) -> None:
    case = make_delegation(actor=protocol, participants=2, programme=2)

    page = protocol_client.get(case.get_absolute_url()).content.decode()

    assert case.reference in page
    assert "Participant 0" in page and "Participant 1" in page
    assert "Place 0" in page and "Place 1" in page
    assert "Nguyễn Văn" in page or protocol.full_name in page  # the history names who did it


def test_case_page_offers_exactly_the_transitions_the_user_may_make(client: Client, protocol, leader) -> None:
    case = make_delegation(actor=protocol)
    case_submit(actor=protocol, case=case)

    client.force_login(leader)
    page = client.get(case.get_absolute_url()).content.decode()
    assert set(re.findall(r"/transition/([a-z]+)/", page)) == {
        "reject",
        "cancel",
    }  # approval waits for the police
    police_clear(case)
    page = client.get(case.get_absolute_url()).content.decode()
    assert set(re.findall(r"/transition/([a-z]+)/", page)) == {"approve", "reject", "cancel"}

    client.force_login(protocol)
    page = client.get(case.get_absolute_url()).content.decode()
    assert set(re.findall(r"/transition/([a-z]+)/", page)) == {"cancel"}


def test_a_transition_by_post_moves_the_case(client: Client, protocol) -> None:
    case = make_delegation(actor=protocol)
    client.force_login(protocol)

    response = client.post(reverse("cases:transition", kwargs={"pk": case.pk, "name": "submit"}))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.SUBMITTED


def test_a_refused_transition_says_why_and_changes_nothing(client: Client, protocol) -> None:
    case = make_delegation(actor=protocol, participants=0)
    client.force_login(protocol)

    response = client.post(reverse("cases:transition", kwargs={"pk": case.pk, "name": "submit"}), follow=True)

    assert "Thêm ít nhất một người tham gia" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.DRAFT


def test_a_case_the_user_may_not_see_is_a_404_everywhere(
    client: Client, protocol, make_user, agency_factory
) -> None:
    case = make_delegation(actor=protocol, participants=1)
    outsider = make_user(Role.AGENCY, agency=agency_factory())
    client.force_login(outsider)

    assert client.get(case.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("cases:transition", kwargs={"pk": case.pk, "name": "cancel"})).status_code == 404
    )
    assert client.get(reverse("cases:list")).context["page"].paginator.count == 0


def test_anonymous_users_are_sent_to_sign_in(client: Client, protocol) -> None:
    case = make_delegation(actor=protocol)

    for url in [reverse("home"), reverse("cases:list"), case.get_absolute_url(), reverse("cases:calendar")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_dashboard_shows_upcoming_waiting_and_overdue(client: Client, protocol, leader) -> None:
    today = timezone.localdate()
    upcoming = make_delegation(actor=protocol, start=today + datetime.timedelta(days=5))
    Case.objects.filter(pk=upcoming.pk).update(status=Case.Status.UNDER_REVIEW)
    overdue = make_delegation(actor=protocol, start=today - datetime.timedelta(days=3), days=1)
    Case.objects.filter(pk=overdue.pk).update(status=Case.Status.SUBMITTED)
    client.force_login(leader)

    board = client.get(reverse("home")).context["board"]

    assert [c.pk for c in board["upcoming"]] == [upcoming.pk]
    assert [c.pk for c in board["waiting"]] == [upcoming.pk]
    assert [c.pk for c in board["overdue"]] == [overdue.pk]


def test_protocol_waits_on_questions_from_the_police_not_on_submitted_cases(
    client: Client, protocol, make_user
) -> None:
    from tests.factories import police_officer
    from ttdn.cases.services.reviews import review_record

    colleague = make_user(Role.PROTOCOL)
    submitted = case_submit(actor=colleague, case=make_delegation(actor=colleague))
    questioned = case_submit(actor=colleague, case=make_delegation(actor=colleague))
    review_record(
        actor=police_officer(), review=questioned.reviews.get(), outcome="more_info", checklist={}, text="?"
    )
    client.force_login(protocol)

    waiting = [c.pk for c in client.get(reverse("home")).context["board"]["waiting"]]

    assert waiting == [questioned.pk]
    assert submitted.pk not in waiting


def test_a_large_delegation_shows_its_first_participants_and_links_to_all(
    client: Client, protocol, make_user
) -> None:
    from ttdn.cases.views.cases import PARTICIPANTS_ON_CASE_PAGE

    case = make_delegation(actor=protocol, participants=PARTICIPANTS_ON_CASE_PAGE + 5)
    client.force_login(protocol)
    all_url = reverse("cases:participants", kwargs={"pk": case.pk})

    page = client.get(case.get_absolute_url()).content.decode()
    listed = page.split('id="participants"')[1].split("</section>")[0]
    assert listed.count("<tr>") - 1 == PARTICIPANTS_ON_CASE_PAGE  # the header row aside
    # each row says the role and the nationality in the reader's language
    assert listed.count("<td>Thành viên</td>") == PARTICIPANTS_ON_CASE_PAGE
    assert listed.count("<td>Nhật Bản</td>") == PARTICIPANTS_ON_CASE_PAGE
    assert f'href="{all_url}"' in page
    assert f"Tất cả {PARTICIPANTS_ON_CASE_PAGE + 5} thành viên" in page

    whole = client.get(all_url).content.decode().split('id="participants"')[1]
    assert whole.count("<tr>") - 1 == PARTICIPANTS_ON_CASE_PAGE + 5

    small = make_delegation(actor=protocol, participants=2)
    assert 'participants/"' not in client.get(small.get_absolute_url()).content.decode()
    client.force_login(make_user(Role.AGENCY))  # an agency that does not host it
    assert client.get(all_url).status_code == 404


def test_a_long_programme_shows_its_first_items_and_links_to_all(client: Client, protocol, make_user) -> None:
    from ttdn.cases.views.cases import PROGRAMME_ON_CASE_PAGE

    case = make_delegation(actor=protocol, days=4, programme=PROGRAMME_ON_CASE_PAGE + 4)  # 10 a day
    client.force_login(protocol)
    all_url = reverse("cases:programme", kwargs={"pk": case.pk})

    page = client.get(case.get_absolute_url()).content.decode()
    listed = page.split('<section class="panel" id="programme">')[1].split("</section>")[0]
    assert listed.count("<tr>") - 1 == PROGRAMME_ON_CASE_PAGE  # the header row aside
    assert listed.count(">Hội đàm, làm việc") == PROGRAMME_ON_CASE_PAGE  # each item's activity
    assert f'<span class="count">{PROGRAMME_ON_CASE_PAGE + 4}</span>' in listed  # the count is of all
    assert f'href="{all_url}"' in listed
    assert f"Tất cả {PROGRAMME_ON_CASE_PAGE + 4} mục của chương trình" in listed

    whole = client.get(all_url).content.decode().split('id="programme"')[1]
    assert whole.count("<tr>") - 1 == PROGRAMME_ON_CASE_PAGE + 4

    short = make_delegation(actor=protocol, programme=2)
    shown = client.get(short.get_absolute_url()).content.decode()
    assert reverse("cases:programme", kwargs={"pk": short.pk}) not in shown
    client.force_login(make_user(Role.AGENCY))  # an agency that does not host it
    assert client.get(all_url).status_code == 404

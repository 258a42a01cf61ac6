"""The case list in daily use (issue 19): search over places, agencies and passports, saved
filters, the columns shown, and what is done to the ticked cases."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_agency, make_delegation, police_officer
from ttdn.accounts.models import SavedCaseFilter
from ttdn.accounts.roles import Role
from ttdn.cases.case_list import COLUMNS
from ttdn.cases.models import AccessLog, Case
from ttdn.cases.services.case_list import case_list_columns_set
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db

LIST = "/cases/"
BULK = "/cases/selected/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _references(response) -> list[str]:
    return [case.reference for case in response.context["page"]]


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _passport(case: Case) -> str:
    return case.participants.select_related("person").get().person.passport_number


# --- search ------------------------------------------------------------------------------------


def test_search_finds_programme_places_and_lead_and_co_host_agencies(protocol) -> None:
    host = make_agency(name_vi="Sở Văn hóa và Thể thao", name_en="Department of Culture")
    lead = make_agency(name_vi="Ban Ngoại vụ Hà Giang")
    with_place = make_delegation(actor=protocol, programme=2)
    hosted = make_delegation(actor=protocol, co_hosts=[host])
    led = make_delegation(actor=protocol, lead_agency=lead)
    client = _client(protocol)

    assert _references(client.get(LIST, {"q": "place 1"})) == [with_place.reference]
    assert _references(client.get(LIST, {"q": "so van hoa"})) == [hosted.reference]
    assert _references(client.get(LIST, {"q": "department of culture"})) == [hosted.reference]
    assert _references(client.get(LIST, {"q": "ngoai vu ha giang"})) == [led.reference]


def test_search_follows_a_programme_place_changed_on_the_case(protocol) -> None:
    from tests.factories import case_data_as_now
    from ttdn.cases.services.cases import ProgrammeData, case_update

    case = make_delegation(actor=protocol, programme=1)
    data = case_data_as_now(case)
    item = case.programme_items.get()
    data.programme = [
        ProgrammeData(start=item.start, end=item.end, place="Cửa khẩu Thanh Thủy", activity="meeting")
    ]
    case_update(actor=protocol, case=case, data=data)

    assert _references(_client(protocol).get(LIST, {"q": "cua khau thanh thuy"})) == [case.reference]
    assert _references(_client(protocol).get(LIST, {"q": "place 0"})) == []


def test_protocol_finds_a_case_by_a_full_passport_number(protocol) -> None:
    case = make_delegation(actor=protocol, participants=1)
    make_delegation(actor=protocol, participants=1)
    number = _passport(case)

    client = _client(protocol)

    assert _references(client.get(LIST, {"q": number})) == [case.reference]
    assert _references(client.get(LIST, {"q": number.lower()})) == [case.reference]
    assert _references(client.get(LIST, {"q": number[:-2]})) == []  # a part finds nothing


def test_a_role_that_may_not_see_passports_cannot_probe_one(protocol, make_user) -> None:
    """The agency's staff see the case (their agency hosts it) but not its identity data: the
    passport number finds nothing for them, whether or not someone holds it."""
    host = make_agency()
    case = make_delegation(actor=protocol, co_hosts=[host], participants=1)
    staff = make_user(Role.AGENCY, agency=host)
    client = _client(staff)

    assert _references(client.get(LIST)) == [case.reference]
    assert _references(client.get(LIST, {"q": _passport(case)})) == []


def test_the_police_find_passports_only_in_the_cases_referred_to_them(protocol) -> None:
    referred = make_delegation(actor=protocol, participants=1)
    case_submit(actor=protocol, case=referred)
    officer = police_officer()
    client = _client(officer)

    assert _references(client.get(LIST, {"q": _passport(referred)})) == [referred.reference]
    # a case not referred to them stays unseen, passport or not
    other = make_delegation(actor=protocol, participants=1)
    assert _references(client.get(LIST, {"q": _passport(other)})) == []


# --- saved filters -----------------------------------------------------------------------------


def test_a_saved_filter_is_kept_cleaned_shown_and_re_applied(protocol) -> None:
    submitted = make_delegation(actor=protocol, title="Đoàn Pháp")
    Case.objects.filter(pk=submitted.pk).update(status=Case.Status.SUBMITTED)
    make_delegation(actor=protocol, title="Đoàn Nhật")
    client = _client(protocol)

    response = client.post(
        reverse("cases:saved_filter_save"),
        {"name": "  Chờ   duyệt ", "query": "status=submitted&sort=-title&page=3&evil=1&q="},
    )

    saved = SavedCaseFilter.objects.get(user=protocol)
    assert (saved.name, saved.query) == ("Chờ duyệt", "status=submitted&sort=-title")
    assert response["Location"] == f"{LIST}?status=submitted&sort=-title"
    page = client.get(LIST)
    assert f'href="{LIST}?status=submitted&amp;sort=-title">Chờ duyệt</a>' in page.content.decode()
    assert _references(client.get(f"{LIST}?{saved.query}")) == [submitted.reference]


@pytest.mark.parametrize(
    ("name", "query", "error"),
    [
        ("", "status=submitted", "Hãy đặt tên cho bộ lọc."),
        ("Sai", "status=nonsense", "Bộ lọc này không hợp lệ"),
        ("Trống", "page=2&evil=1", "Hãy chọn một bộ lọc hoặc một cách sắp xếp trước khi lưu."),
        ("Dài", "q=" + "a" * 1200, "Bộ lọc này quá dài để lưu."),
    ],
)
def test_a_bad_filter_is_refused_with_its_reason_and_nothing_saved(protocol, name, query, error) -> None:
    response = _client(protocol).post(reverse("cases:saved_filter_save"), {"name": name, "query": query})

    assert SavedCaseFilter.objects.count() == 0
    assert any(error in message for message in _messages(response)), _messages(response)


def test_saved_filters_are_their_owner_s_alone(protocol, make_user) -> None:
    other = make_user(Role.PROTOCOL)
    mine = SavedCaseFilter.objects.create(user=protocol, name="Của tôi", query="status=draft")
    SavedCaseFilter.objects.create(user=other, name="Của người khác", query="status=approved")

    page = _client(protocol).get(LIST).content.decode()
    assert "Của tôi" in page and "Của người khác" not in page

    delete = reverse("cases:saved_filter_delete", kwargs={"pk": mine.pk})
    assert _client(other).post(delete).status_code == 404
    assert SavedCaseFilter.objects.filter(pk=mine.pk).exists()
    assert _client(protocol).post(delete).status_code == 302
    assert not SavedCaseFilter.objects.filter(pk=mine.pk).exists()


def test_the_same_name_is_not_saved_twice(protocol) -> None:
    client = _client(protocol)
    url = reverse("cases:saved_filter_save")
    client.post(url, {"name": "Tuần này", "query": "status=draft"})

    response = client.post(url, {"name": "Tuần này", "query": "status=approved"})

    assert list(SavedCaseFilter.objects.values_list("query", flat=True)) == ["status=draft"]
    assert "Bạn đã có một bộ lọc đã lưu với tên này." in _messages(response)


# --- columns -----------------------------------------------------------------------------------


def test_the_columns_chosen_are_remembered_and_shown(protocol, make_user) -> None:
    officer = make_user(Role.PROTOCOL, full_name="Nguyễn Phụ Trách")
    case = make_delegation(actor=protocol, countries=["FR", "DE"], responsible_officer=officer)
    client = _client(protocol)
    before = client.get(LIST).content.decode()
    assert "<td>Nguyễn Phụ Trách</td>" not in before  # not a default column
    assert "<td>Đức, Pháp</td>" in before  # countries by their names, not codes

    client.post(reverse("cases:list_columns"), {"columns": ["status", "responsible_officer"]})
    refused = client.post(reverse("cases:list_columns"), {"columns": ["kind", "bogus"]})
    assert _messages(refused)  # an unknown column: said, and nothing changed

    protocol.refresh_from_db()
    assert protocol.case_list_columns == ["responsible_officer", "status"]
    page = client.get(LIST).content.decode()
    assert "<td>Nguyễn Phụ Trách</td>" in page
    assert "<td>Đức, Pháp</td>" not in page
    assert case.reference in page


@pytest.mark.parametrize("columns", [[], ["responsible_officer", "counterpart", "kind", "countries"]])
def test_the_list_takes_as_many_queries_for_100_rows_as_for_25(
    protocol, make_user, columns, django_assert_num_queries
) -> None:
    officer = make_user(Role.PROTOCOL)
    for _ in range(100):
        make_delegation(actor=protocol, participants=1, responsible_officer=officer)
    case_list_columns_set(user=protocol, columns=columns or list(COLUMNS))
    SavedCaseFilter.objects.create(user=protocol, name="Nháp", query="status=draft")
    client = _client(protocol)
    client.get(LIST)  # the session renewed, shared caches warm
    with django_assert_num_queries(7) as few:
        response = client.get(LIST, {"per_page": "25", "q": "doan"})
    assert len(response.context["page"]) == 25
    with django_assert_num_queries(len(few)):
        response = client.get(LIST, {"per_page": "100", "q": "doan"})
    assert len(response.context["page"]) == 100


# --- bulk actions ------------------------------------------------------------------------------


def _csv_references(response) -> list[str]:
    lines = response.content.decode("utf-8-sig").splitlines()[1:]
    return sorted(line.split(",")[0] for line in lines)


def test_the_ticked_cases_are_exported_and_only_those(protocol) -> None:
    first, second, _third = (make_delegation(actor=protocol) for _ in range(3))
    client = _client(protocol)

    response = client.post(BULK, {"action": "csv", "cases": [first.pk, second.pk]})

    assert response["Content-Type"].startswith("text/csv")
    assert _csv_references(response) == sorted([first.reference, second.reference])
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 2
    xlsx = client.post(BULK, {"action": "xlsx", "cases": [first.pk]})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')


def test_an_export_ignores_the_cases_the_user_may_not_see(protocol, make_user) -> None:
    host = make_agency()
    theirs = make_delegation(actor=protocol, co_hosts=[host])
    hidden = make_delegation(actor=protocol)
    staff = make_user(Role.AGENCY, agency=host)
    client = _client(staff)

    response = client.post(BULK, {"action": "csv", "cases": [theirs.pk, hidden.pk]})
    assert _csv_references(response) == [theirs.reference]
    for action in ("csv", "pdf", "print"):
        assert client.post(BULK, {"action": action, "cases": [hidden.pk]}).status_code == 404


def test_the_ticked_cases_print_on_their_own_page(protocol) -> None:
    chosen = make_delegation(actor=protocol, title="Đoàn được chọn", countries=["KR"])
    make_delegation(actor=protocol, title="Đoàn không chọn")

    page = _client(protocol).post(BULK, {"action": "print", "cases": [chosen.pk]}).content.decode()

    assert "Đoàn được chọn" in page and "Hàn Quốc" in page
    assert "Đoàn không chọn" not in page


def test_a_bulk_action_without_cases_or_with_bad_ids_is_refused(protocol) -> None:
    client = _client(protocol)

    for data in (
        {"action": "csv"},
        {"action": "csv", "cases": ["1; DROP TABLE"]},
        {"action": "nuke", "cases": ["1"]},
    ):
        response = client.post(BULK, {**data, "back": "status=draft"})
        assert response.status_code == 302 and response["Location"] == f"{LIST}?status=draft"
        assert _messages(response)


def test_protocol_assigns_the_responsible_officer_of_the_ticked_cases(protocol, make_user) -> None:
    officer = make_user(Role.PROTOCOL, full_name="Trần Văn Mới")
    first, second = make_delegation(actor=protocol), make_delegation(actor=protocol)
    untouched = make_delegation(actor=protocol)

    response = _client(protocol).post(
        BULK, {"action": "assign", "officer": officer.pk, "cases": [first.pk, second.pk]}
    )

    assert response.status_code == 302
    assert set(Case.objects.filter(responsible_officer=officer)) == {first, second}
    assert Case.objects.get(pk=untouched.pk).responsible_officer == protocol
    for case in (first, second):
        latest = case.history.latest("history_date")
        assert (latest.history_type, latest.responsible_officer_id, latest.history_user) == (
            "~",
            officer.pk,
            protocol,
        )
    assert any("Trần Văn Mới" in message for message in _messages(response))


def test_assigning_changes_nothing_if_one_case_may_not_be_changed(protocol, make_user) -> None:
    officer = make_user(Role.PROTOCOL)
    open_case = make_delegation(actor=protocol)
    done = make_delegation(actor=protocol)
    Case.objects.filter(pk=done.pk).update(status=Case.Status.CLOSED)

    response = _client(protocol).post(
        BULK, {"action": "assign", "officer": officer.pk, "cases": [open_case.pk, done.pk]}
    )

    assert not Case.objects.filter(responsible_officer=officer).exists()
    assert any(
        done.reference in message and open_case.reference not in message for message in _messages(response)
    )


def test_assigning_an_invisible_case_changes_and_reveals_nothing(protocol, make_user) -> None:
    colleague = make_user(Role.PROTOCOL)
    secret = make_delegation(actor=colleague, access_level="restricted", title="Đoàn mật")

    response = _client(protocol).post(
        BULK, {"action": "assign", "officer": protocol.pk, "cases": [secret.pk]}
    )

    assert Case.objects.get(pk=secret.pk).responsible_officer == colleague
    messages = _messages(response)
    assert messages and not any(secret.reference in m or "Đoàn mật" in m for m in messages)


def test_only_protocol_staff_assign(protocol, make_user) -> None:
    host = make_agency()
    case = make_delegation(actor=protocol, co_hosts=[host])
    staff = make_user(Role.AGENCY, agency=host)

    response = _client(staff).post(BULK, {"action": "assign", "officer": staff.pk, "cases": [case.pk]})

    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).responsible_officer == protocol
    assert 'name="officer"' not in _client(staff).get(LIST).content.decode()


def test_the_officer_must_be_protocol_staff(protocol, make_user) -> None:
    case = make_delegation(actor=protocol)
    leader = make_user(Role.LEADER)

    _client(protocol).post(BULK, {"action": "assign", "officer": leader.pk, "cases": [case.pk]})

    assert Case.objects.get(pk=case.pk).responsible_officer == protocol


def test_the_list_works_as_a_plain_form(protocol) -> None:
    """Without script: each row has its tick box inside the one form posting to the bulk URL;
    the tick-all box is there for the script only (hidden until it runs)."""
    make_delegation(actor=protocol, start=timezone.localdate() + datetime.timedelta(days=3))
    page = _client(protocol).get(LIST).content.decode()

    assert f'action="{BULK}"' in page
    assert 'name="cases"' in page
    assert 'class="js-select-all" hidden' in page
    assert "<script>" not in page


# --- the count ---------------------------------------------------------------------------------


def _count_statement(client: Client, query: dict[str, str]) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, query)
    counts = [  # the list's count, beside the notification badge's
        q["sql"]
        for q in captured
        if q["sql"].startswith("SELECT COUNT(") and 'FROM "notifications_notification"' not in q["sql"]
    ]
    assert len(counts) == 1
    return response.context["page"].paginator.count, counts[0]


def test_an_agency_s_whole_list_is_counted_from_its_grants_a_filtered_one_from_its_cases(
    protocol, make_user
) -> None:
    host = make_agency()
    staff = make_user(Role.AGENCY, agency=host)
    hosted = [make_delegation(actor=protocol, co_hosts=[host]) for _ in range(3)]
    case_submit(actor=protocol, case=hosted[0])
    make_delegation(actor=protocol, co_hosts=[host], access_level="restricted")  # no need to know
    make_delegation(actor=protocol)  # not theirs
    client = _client(staff)

    whole, whole_sql = _count_statement(client, {"sort": "-start", "per_page": "50"})
    submitted, submitted_sql = _count_statement(client, {"status": Case.Status.SUBMITTED})
    ignored, _ = _count_statement(client, {"status": "no-such-status"})  # an invalid filter is left out
    searched, _ = _count_statement(client, {"status": "no-such-status", "q": hosted[1].reference})

    assert (whole, submitted, ignored, searched) == (3, 1, 3, 1)
    # the whole list's count reads the grants, not every case; a filter needs the cases
    counting_the_cases = 'SELECT COUNT(*) AS "__count" FROM "cases_case"'
    assert "UNION" in whole_sql and not whole_sql.startswith(counting_the_cases)
    assert submitted_sql.startswith(counting_the_cases)


def test_the_whole_list_s_count_is_compiled_once_for_users_alike_and_counts_each_one_s_cases(
    protocol, make_user
) -> None:
    from ttdn.cases.selectors import _count_statement as compiled
    from ttdn.cases.selectors import visible_case_count

    first, second = make_agency(), make_agency()
    staff, other = make_user(Role.AGENCY, agency=first), make_user(Role.AGENCY, agency=second)
    for _ in range(2):
        make_delegation(actor=protocol, co_hosts=[first])
    make_delegation(actor=protocol, co_hosts=[second])
    compiled.cache_clear()

    counts = [visible_case_count(staff), visible_case_count(other), visible_case_count(protocol)]

    assert counts == [2, 1, Case.objects.filter(access_level=Case.AccessLevel.NORMAL).count()]
    info = compiled.cache_info()
    assert (info.misses, info.hits) == (2, 1)  # the agencies' statement once, the protocol's once

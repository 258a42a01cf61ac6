"""At national scale the lists take the same number of queries for a few rows as for many
(issue 18): every row's data comes with the page, never one query per row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.api.client import API, _as
from tests.factories import make_agency, make_delegation, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db


def _queries(read: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def _statements(read: Callable[[], object]) -> int:
    """The statements of a second read (the first renewed the session, warmed shared caches),
    without the savepoints of the test's own transaction."""
    read()
    with CaptureQueriesContext(connection) as captured:
        read()
    return sum(not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) for q in captured)


def _cases(protocol, host, count: int) -> None:
    """Submitted cases (referred to the police), one in three restricted: reading those is logged."""
    for index in range(count):
        level = "restricted" if index % 3 == 0 else "normal"
        case = make_delegation(actor=protocol, co_hosts=[host], participants=2, access_level=level)
        case_submit(actor=protocol, case=case)


@pytest.mark.parametrize("role", ["police", "agency", "protocol"])
def test_the_case_list_and_the_api_list_do_not_grow_with_the_rows(protocol, make_user, role) -> None:
    host = make_agency()
    user = {"police": police_officer, "agency": lambda: make_user(Role.AGENCY, agency=host),
            "protocol": lambda: protocol}[role]()  # fmt: skip
    client = Client()
    client.force_login(user)
    api = _as(APIClient(), user)
    reads = {
        "page": lambda: client.get("/cases/"),
        "100 a page": lambda: client.get("/cases/", {"per_page": "100"}),
        "last page": lambda: client.get("/cases/", {"page": "last", "per_page": "25"}),
        "sorted and searched": lambda: client.get("/cases/", {"sort": "-start_date", "q": "doan"}),
        "api": lambda: api.get(f"{API}/delegations/"),
        "api, signed in with two factors": lambda: client.get(f"{API}/delegations/"),
        "api, 100 a page": lambda: api.get(f"{API}/delegations/", {"page_size": 100}),
    }
    _cases(protocol, host, 2)
    few = {name: _statements(read) for name, read in reads.items()}
    _cases(protocol, host, 30)
    many = {name: _statements(read) for name, read in reads.items()}

    assert many == few
    assert max(many.values()) <= 10


def test_the_admin_s_case_list_counts_only_the_permitted_rows(client, make_user, protocol) -> None:
    make_delegation(actor=protocol)
    make_delegation(actor=protocol, access_level="restricted")
    client.force_login(make_user(Role.ADMIN, is_staff=True))

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/admin/cases/case/", {"q": "Đoàn"})

    assert response.status_code == 200
    counts = [
        q["sql"] for q in captured if q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "cases_case"')
    ]
    assert len(counts) == 1, counts  # the searched rows only, no second count of all the cases
    assert "WHERE" in counts[0].upper()


def test_the_sweep_takes_as_many_queries_for_many_recipients_as_for_few(protocol, make_user) -> None:
    """Who may see what is decided for all of a rule's recipients at once, not per person."""
    import datetime

    from ttdn.cases.services.followups import followup_create
    from ttdn.notifications.sweep import reminders_sweep

    today = datetime.date(2026, 12, 1)
    agency = make_agency()

    def queries_with(people: int) -> list[str]:
        for _ in range(people):
            make_user(Role.AGENCY, agency=agency)
            make_user(Role.PROTOCOL)
        case = make_delegation(actor=protocol, lead_agency=agency, start=today + datetime.timedelta(days=7))
        followup_create(actor=protocol, case=case, title="Gửi thư", due_date=today + datetime.timedelta(days=1),
                        assignee_agency=agency)  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            assert reminders_sweep(today=today).created
        return [q["sql"] for q in captured]

    few = queries_with(2)
    many = queries_with(12)

    assert len(many) == len(few)
    assert len(many) <= 50
    # every rule counts its working days on the admins' calendar, read once for all of them
    assert sum('FROM "cases_calendarday"' in sql for sql in many) == 1


def _page_queries(client: Client, url: str) -> int:
    """The statements of one page, without the savepoints of the test's own transaction."""
    client.get(url)  # warm caches shared by every page (the timers, the content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    shown = [q for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    return len(shown)


def test_the_case_page_takes_as_many_queries_for_a_long_case_as_for_a_short_one(protocol, leader) -> None:
    """Participants, programme items, reviews with questions, follow-ups and a long history (the
    case's own edits among it): the page reads each kind of record once, however many there are."""
    from tests.factories import police_clear
    from ttdn.cases.services.cases import CaseData, case_update
    from ttdn.cases.services.followups import followup_create
    from ttdn.cases.services.workflow import case_transition

    def worked_case(participants: int, programme: int, followups: int):
        case = make_delegation(actor=protocol, participants=participants, programme=programme, days=3)
        for n in range(followups):  # each edit a history row of the case with a change shown
            fields = {name: getattr(case, name) for name in ("direction", "title", "countries", "start_date",
                                                             "end_date", "lead_agency")}  # fmt: skip
            data = CaseData(fields={**fields, "purpose": f"Lần sửa {n}"}, participants=None, programme=None)
            case = case_update(actor=protocol, case=case, data=data)
        case = police_clear(case_submit(actor=protocol, case=case), conditions="Không quay phim.")
        case = case_transition(actor=leader, case=case, name="approve")
        for n in range(followups):
            followup_create(actor=protocol, case=case, title=f"Việc {n}", due_date=case.end_date,
                            assignee_agency=case.lead_agency)  # fmt: skip
        return case

    client = Client()
    client.force_login(protocol)
    short = _page_queries(client, worked_case(3, 2, 1).get_absolute_url())
    long = _page_queries(client, worked_case(40, 25, 12).get_absolute_url())

    assert long == short
    # Every section of the apps beside the cases included (host officials, budget, gifts, aid
    # projects...): the reference rows they show (layouts, templates, the gifts' threshold) come
    # from the shared cache, the session from the cache, the roles and names with their rows.
    assert long <= 20


def test_the_yearly_report_adds_up_in_sql_in_as_many_queries_for_many_visits(protocol, leader) -> None:
    import datetime

    from tests.factories import approve, make_press_visit
    from ttdn.reports.periods import Period
    from ttdn.reports.statistics import report_figures

    year = Period.of_year(2026)

    def visits(count: int) -> None:
        for n in range(count):
            approve(make_delegation(actor=protocol, start=datetime.date(2026, 3 + n % 9, 2), participants=3),
                    leader=leader)  # fmt: skip
        approve(make_press_visit(actor=protocol, start=datetime.date(2026, 5, 5)), leader=leader)

    visits(1)
    few = _queries(lambda: report_figures(leader, year))
    visits(6)
    many = _queries(lambda: report_figures(leader, year))
    figures = report_figures(leader, year)

    assert figures["cases"] == 9 and figures["foreign_visitors"] == 7 * 3
    assert many == few
    # The leader reads every table the apps beside the cases add (budget, gifts, NGOs, aid
    # projects: ttdn.reports.sections), each in a query or two, the core's figures in five.
    from ttdn.reports import sections

    assert len(sections.sections_for(leader)) >= 5
    assert many <= 12

"""Each role's home page shows its pending work, through the access policy, in a flat number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ensure_police_agency, make_agency, make_delegation, police_clear, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, FollowUp, Review
from ttdn.cases.policy import may_complete_followup
from ttdn.cases.selectors import followups_for
from ttdn.cases.services.followups import followup_create
from ttdn.cases.services.workflow import case_submit
from ttdn.notifications.rules import Directory

pytestmark = pytest.mark.django_db


def _board(client: Client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["board"]


def _submitted(protocol, *, due: datetime.date, **fields) -> Case:
    case = case_submit(actor=protocol, case=make_delegation(actor=protocol, **fields))
    Review.objects.filter(case=case).update(due_date=due)
    return case


def test_police_see_pending_due_soon_overdue_and_assigned_reviews(
    client: Client, protocol, make_user
) -> None:
    today = timezone.localdate()
    officer = police_officer()
    later = _submitted(protocol, due=today + datetime.timedelta(days=20))
    soon = _submitted(protocol, due=today + datetime.timedelta(days=1))
    late = _submitted(protocol, due=today - datetime.timedelta(days=2))
    Review.objects.filter(case=later).update(assigned_to=officer)

    board = _board(client, officer)

    assert [r.case_id for r in board["reviews_pending"]] == [late.pk, soon.pk, later.pk]
    assert [r.case_id for r in board["reviews_due_soon"]] == [soon.pk]
    assert [r.case_id for r in board["reviews_overdue"]] == [late.pk]
    assert [r.case_id for r in board["reviews_mine"]] == [later.pk]
    # another police agency's officer is not referred these cases: nothing
    other = make_user(Role.POLICE, agency=make_agency(kind="police", parent=ensure_police_agency()))
    board = _board(client, other)
    assert [board[k] for k in ("reviews_pending", "reviews_due_soon", "reviews_overdue", "reviews_mine")] == [
        [],
        [],
        [],
        [],
    ]


def test_leaders_approve_only_what_the_police_cleared(client: Client, protocol, leader) -> None:
    cleared = police_clear(case_submit(actor=protocol, case=make_delegation(actor=protocol)))
    pending = case_submit(actor=protocol, case=make_delegation(actor=protocol))
    Case.objects.filter(pk=pending.pk).update(status=Case.Status.UNDER_REVIEW)

    board = _board(client, leader)

    assert {(c.pk, c.approvable) for c in board["waiting"]} == {(cleared.pk, True), (pending.pk, False)}
    page = client.get(reverse("home")).content.decode()
    approve_url = reverse("cases:transition", kwargs={"pk": cleared.pk, "name": "approve"})
    assert f'action="{approve_url}"' in page
    assert reverse("cases:transition", kwargs={"pk": pending.pk, "name": "approve"}) not in page
    assert reverse("cases:transition", kwargs={"pk": pending.pk, "name": "reject"}) in page


def test_protocol_overdue_panel_has_overdue_reports_and_follow_ups(
    client: Client, protocol, make_user
) -> None:
    today = timezone.localdate()
    case = make_delegation(actor=protocol)
    task = followup_create(
        actor=protocol, case=case, title="Gửi biên bản", due_date=today - datetime.timedelta(days=1),
        assignee_user=protocol,
    )  # fmt: skip
    report = FollowUp.objects.create(
        case=case, kind=FollowUp.Kind.REPORT, title="Báo cáo kết quả", assignee_agency=case.lead_agency,
        due_date=today - datetime.timedelta(days=3), created_by=protocol,
    )  # fmt: skip
    followup_create(actor=protocol, case=case, title="Chưa đến hạn", due_date=today, assignee_user=protocol)
    hidden = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED)
    FollowUp.objects.create(
        case=hidden, title="Mật", assignee_user=protocol, due_date=today - datetime.timedelta(days=3),
        created_by=protocol,
    )  # fmt: skip
    colleague = make_user(Role.PROTOCOL)

    board = _board(client, colleague)

    # not only cases, and not a restricted case the colleague has no need to know
    assert [f.pk for f in board["overdue_followups"]] == [report.pk, task.pk]
    page = client.get(reverse("home")).content.decode()
    assert "Báo cáo kết quả" in page and "Gửi biên bản" in page and "Mật" not in page


def test_agency_staff_see_their_follow_ups_and_upcoming_visits(client: Client, protocol, make_user) -> None:
    host, other = make_agency(), make_agency()
    hosted = make_delegation(
        actor=protocol, co_hosts=[host], start=timezone.localdate() + datetime.timedelta(days=4)
    )
    elsewhere = make_delegation(actor=protocol, co_hosts=[other])
    for case in (hosted, elsewhere):
        case_submit(actor=protocol, case=case)
    followup_create(
        actor=protocol,
        case=hosted,
        title="Chuẩn bị tài liệu",
        due_date=timezone.localdate(),
        assignee_agency=host,
    )
    staff = make_user(Role.AGENCY, agency=host)

    board = _board(client, staff)

    assert [c.pk for c in board["upcoming"]] == [hosted.pk]
    assert [f.title for f in client.get(reverse("home")).context["followups"]] == ["Chuẩn bị tài liệu"]
    # only the panels of their role
    assert set(board) == {"upcoming"}
    assert [c.pk for c in _board(client, make_user(Role.AGENCY, agency=other))["upcoming"]] == [elsewhere.pk]


def test_a_leader_is_given_no_task_for_belonging_to_the_lead_agency(
    client: Client, protocol, make_user
) -> None:
    office = protocol.agency
    leader = make_user(Role.LEADER, agency=office)
    double = make_user(Role.LEADER, Role.AGENCY, agency=office)  # a leader who also hosts: still a leader
    staff = make_user(Role.AGENCY, agency=office)
    case = make_delegation(actor=protocol, lead_agency=office)
    task = followup_create(
        actor=protocol,
        case=case,
        title="Việc của cơ quan",
        due_date=timezone.localdate(),
        assignee_agency=office,
    )

    assert list(followups_for(staff)) == [task]
    assert list(followups_for(leader)) == list(followups_for(double)) == []
    assert may_complete_followup(user=staff, followup=task) is None
    assert may_complete_followup(user=double, followup=task) is not None
    staff_ids = Directory().staff_of(office.pk)
    assert staff.pk in staff_ids and protocol.pk in staff_ids
    assert leader.pk not in staff_ids and double.pk not in staff_ids
    # the leader still sees the case
    client.force_login(leader)
    assert client.get(case.get_absolute_url()).status_code == 200
    assert "Việc của cơ quan" not in client.get(reverse("home")).content.decode()


def _count(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.LEADER, Role.POLICE, Role.AGENCY])
def test_the_dashboard_takes_as_many_queries_for_many_cases_as_for_one(
    client: Client, django_assert_num_queries, protocol, make_user, role
) -> None:
    today = timezone.localdate()
    host = make_agency()
    user = police_officer() if role == Role.POLICE else make_user(role, agency=host)

    def add_work() -> None:
        case = make_delegation(actor=protocol, co_hosts=[host], start=today + datetime.timedelta(days=2))
        case = case_submit(actor=protocol, case=case)
        Review.objects.filter(case=case).update(assigned_to=police_officer(), due_date=today)
        followup_create(
            actor=protocol,
            case=case,
            title="Việc",
            due_date=today - datetime.timedelta(days=1),
            assignee_agency=host,
        )
        cleared = police_clear(
            case_submit(actor=protocol, case=make_delegation(actor=protocol, co_hosts=[host]))
        )
        assert cleared.status == Case.Status.UNDER_REVIEW

    ensure_police_agency()
    add_work()
    client.force_login(user)
    client.get(reverse("home"))  # the session and caches warmed
    few = _count(client)
    for _ in range(4):
        add_work()

    with django_assert_num_queries(few):
        response = client.get(reverse("home"))
    board = response.context["board"]
    assert sum(len(rows) for rows in board.values()) > 4  # the rows grew, not the queries

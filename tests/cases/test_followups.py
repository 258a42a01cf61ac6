from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import file_report, make_agency, make_delegation, make_press_visit, police_clear
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case, FollowUp
from ttdn.cases.services.followups import followup_close, followup_create
from ttdn.cases.services.workflow import case_approve, case_submit, case_transition, cases_follow_calendar

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def hosted(protocol):
    host = make_agency()
    return make_delegation(actor=protocol, co_hosts=[host]), host


def test_protocol_assigns_a_follow_up_to_a_host_agency_whose_staff_close_it(
    hosted, protocol, make_user
) -> None:
    case, host = hosted
    host_user = make_user(Role.AGENCY, agency=host)
    other = make_user(Role.AGENCY, agency=make_agency())

    followup = followup_create(
        actor=protocol, case=case, title="Gửi báo cáo", due_date=TODAY, assignee_agency=host
    )

    with pytest.raises(CaseError, match="Only the assignee"):
        followup_close(actor=other, followup=followup, status="done", result="x")
    with pytest.raises(CaseError, match="Write the result"):
        followup_close(actor=host_user, followup=followup, status="done")
    with pytest.raises(CaseError, match="Only protocol staff cancel"):
        followup_close(actor=host_user, followup=followup, status="cancelled")
    done = followup_close(actor=host_user, followup=followup, status="done", result="Đã gửi")
    assert (done.status, done.closed_by, done.result) == ("done", host_user, "Đã gửi")


def test_follow_ups_go_only_to_who_may_see_the_case(hosted, protocol, make_user) -> None:
    case, _host = hosted
    outsider_agency = make_agency()

    with pytest.raises(CaseError, match="lead or a co-host"):
        followup_create(actor=protocol, case=case, title="x", due_date=TODAY, assignee_agency=outsider_agency)
    with pytest.raises(CaseError, match="may not see this case"):
        followup_create(
            actor=protocol, case=case, title="x", due_date=TODAY, assignee_user=make_user(Role.AGENCY)
        )
    with pytest.raises(CaseError, match="Only protocol staff"):
        followup_create(
            actor=make_user(Role.LEADER), case=case, title="x", due_date=TODAY, assignee_user=protocol
        )


def test_a_case_closes_only_when_no_follow_up_is_open(protocol, leader) -> None:
    case = make_delegation(actor=protocol, start=TODAY - datetime.timedelta(days=5), days=1)
    case = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=case)))
    for name in ("start", "complete"):
        case = case_transition(actor=protocol, case=case, name=name)
    case = file_report(case, protocol)
    followup = followup_create(
        actor=protocol, case=case, title="Ký thỏa thuận", due_date=TODAY, assignee_user=protocol
    )

    with pytest.raises(CaseError, match="still open"):
        case_transition(actor=protocol, case=case, name="close")
    followup_close(actor=protocol, followup=followup, status="cancelled")
    assert case_transition(actor=protocol, case=case, name="close").status == Case.Status.CLOSED


def test_the_calendar_starts_and_completes_visits(protocol, leader) -> None:
    started = make_delegation(actor=protocol, start=TODAY, days=2)
    started = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=started)))
    finished = make_delegation(actor=protocol, start=TODAY - datetime.timedelta(days=3), days=2)
    finished = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=finished)))
    future = make_delegation(actor=protocol, start=TODAY + datetime.timedelta(days=1))
    future = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=future)))
    press = make_press_visit(actor=protocol, start=TODAY)  # approved, but no written decision yet
    press = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=press)))

    cases_follow_calendar(today=TODAY)
    moved = cases_follow_calendar(today=TODAY)  # a second sweep finds nothing left to move

    statuses = {c.pk: c.status for c in Case.objects.all()}
    assert statuses[started.pk] == Case.Status.IN_PROGRESS
    assert statuses[finished.pk] == Case.Status.COMPLETED  # in progress, then completed after its last day
    assert statuses[future.pk] == Case.Status.APPROVED
    assert statuses[press.pk] == Case.Status.APPROVED
    assert moved == []
    event = started.events.get(code="case.start")
    assert (event.actor, event.data) == (None, {"from": "approved", "to": "in_progress", "calendar": True})


def test_the_periodic_task_is_scheduled() -> None:
    from django.conf import settings

    assert (
        settings.CELERY_BEAT_SCHEDULE["cases-follow-calendar"]["task"] == "ttdn.cases.tasks.follow_calendar"
    )


def test_the_agency_user_sees_and_closes_their_follow_up_on_the_pages(
    client: Client, hosted, protocol, make_user
) -> None:
    case, host = hosted
    host_user = make_user(Role.AGENCY, agency=host)
    client.force_login(protocol)
    client.post(
        reverse("cases:followup_add", kwargs={"pk": case.pk}),
        {"title": "Báo cáo kết quả", "due_date": TODAY.strftime("%d/%m/%Y"), "assignee_agency": host.pk},
    )
    followup = FollowUp.objects.get()

    client.force_login(host_user)
    assert "Báo cáo kết quả" in client.get(reverse("home")).content.decode()
    client.post(
        reverse("cases:followup_close", kwargs={"pk": case.pk, "followup_pk": followup.pk}),
        {"status": "done", "result": "Đã nộp"},
    )

    followup.refresh_from_db()
    assert followup.status == "done"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_runs_the_calendar_task(celery_worker_process, protocol, leader) -> None:
    import time

    from ttdn.cases.tasks import follow_calendar

    case = make_delegation(actor=protocol, start=TODAY, days=2)
    case = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=case)))

    follow_calendar.delay()

    deadline = time.monotonic() + 30
    while Case.objects.get(pk=case.pk).status != Case.Status.IN_PROGRESS:
        assert time.monotonic() < deadline, celery_worker_process.log.read_text()[-3000:]
        time.sleep(0.2)


def test_a_follow_up_with_an_error_shows_it_beside_its_field_and_keeps_what_was_typed(
    client: Client, hosted, protocol, make_user
) -> None:
    case, _host = hosted
    client.force_login(protocol)
    url = reverse("cases:followup_add", kwargs={"pk": case.pk})
    assert client.get(url).status_code == 200

    response = client.post(url, {"title": "Gửi thư cảm ơn đối tác", "due_date": "31/02/2026"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Gửi thư cảm ơn đối tác"' in page  # typed, kept
    assert 'value="31/02/2026"' in page
    assert 'aria-invalid="true"' in page  # the date field carries its own error
    assert not case.follow_ups.exists()
    # Someone the case is hidden from finds no page at all.
    client.force_login(make_user(Role.AGENCY, agency=make_agency()))
    assert client.get(url).status_code == 404

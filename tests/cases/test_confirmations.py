"""A consequential move of a case is first said, then made once confirmed (issue 19): cancelling
and rejecting (they cannot be undone), starting a visit before its first day and completing it
before its last. Going back changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import approve, make_delegation, police_clear
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case
from ttdn.cases.services.cases import case_record_decision
from ttdn.cases.services.workflow import case_start, case_submit

pytestmark = pytest.mark.django_db


def _move(client: Client, case: Case, name: str, **data: str):
    return client.post(reverse("cases:transition", kwargs={"pk": case.pk, "name": name}), data)


def _status(case: Case) -> str:
    return Case.objects.get(pk=case.pk).status


def test_cancelling_is_said_first_and_made_only_once_confirmed(client: Client, protocol) -> None:
    case = make_delegation(actor=protocol)
    client.force_login(protocol)

    asked = _move(client, case, "cancel", reason="Đối tác hoãn chuyến thăm")

    assert asked.status_code == 200
    page = asked.content.decode()
    assert f"Hồ sơ {case.reference} sẽ bị hủy" in page
    assert "không thể mở lại" in page
    assert 'name="confirmed" value="yes"' in page
    assert "Đối tác hoãn chuyến thăm" in page  # the reason, carried to the confirmation
    assert f'href="{case.get_absolute_url()}"' in page  # going back: a link, nothing posted
    assert _status(case) == Case.Status.DRAFT

    done = _move(client, case, "cancel", reason="Đối tác hoãn chuyến thăm", confirmed="yes")

    assert done.status_code == 302
    assert _status(case) == Case.Status.CANCELLED


def test_rejecting_is_said_first(client: Client, protocol, leader) -> None:
    case = police_clear(case_submit(actor=protocol, case=make_delegation(actor=protocol)))
    client.force_login(leader)

    asked = _move(client, case, "reject", reason="Trùng lịch")

    assert "sẽ không được phê duyệt" in asked.content.decode()
    assert _status(case) == Case.Status.UNDER_REVIEW


def test_a_visit_started_or_completed_early_is_said_first_and_on_time_is_not(
    client: Client, protocol, leader
) -> None:
    today = timezone.localdate()
    early = approve(make_delegation(actor=protocol, start=today + datetime.timedelta(days=3)), leader=leader)
    early = case_record_decision(actor=protocol, case=early, number="12/QĐ-UBND", date=today)
    on_time = approve(make_delegation(actor=protocol, start=today), leader=leader)
    on_time = case_record_decision(actor=protocol, case=on_time, number="13/QĐ-UBND", date=today)
    client.force_login(protocol)

    asked = _move(client, early, "start")
    assert (
        "Bắt đầu hôm nay sẽ ghi nhận chuyến thăm đang diễn ra trước ngày đầu tiên" in asked.content.decode()
    )
    assert _status(early) == Case.Status.APPROVED

    assert _move(client, on_time, "start").status_code == 302  # no question on its first day
    assert _status(on_time) == Case.Status.IN_PROGRESS

    asked = _move(client, on_time, "complete")  # its last day is still ahead
    assert "trước ngày cuối cùng" in asked.content.decode()
    assert _status(on_time) == Case.Status.IN_PROGRESS
    _move(client, on_time, "complete", confirmed="yes")
    assert _status(on_time) == Case.Status.COMPLETED


def test_a_move_the_service_refuses_is_refused_without_a_question(
    client: Client, protocol, make_user
) -> None:
    case = make_delegation(actor=protocol)
    client.force_login(protocol)

    no_reason = _move(client, case, "cancel")  # the service wants a reason: refused at once
    assert no_reason.status_code == 302
    assert _status(case) == Case.Status.DRAFT

    client.force_login(make_user(Role.AGENCY, agency=case.lead_agency))  # hosts it, may not cancel it
    refused = _move(client, case, "cancel", reason="Đối tác hoãn")
    assert refused.status_code in (302, 403)
    assert "sẽ bị hủy" not in refused.content.decode()
    assert _status(case) == Case.Status.DRAFT


def test_starting_early_still_moves_by_the_service_alone(protocol, leader) -> None:
    """The question is the page's; the services (the calendar's start, the API) move as before."""
    today = timezone.localdate()
    case = approve(make_delegation(actor=protocol, start=today + datetime.timedelta(days=3)), leader=leader)
    case = case_record_decision(actor=protocol, case=case, number="14/QĐ-UBND", date=today)
    assert case_start(actor=protocol, case=case).status == Case.Status.IN_PROGRESS

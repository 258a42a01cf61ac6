"""A project's progress reports follow the project: suspended or cancelled it owes none and is
reminded of none (resumed, they are owed again; those received stay), and when its donor changes,
the reports not yet received are owed by the new donor."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from ngos.models import AidProject, Filing
from ngos.services.projects import project_update
from tests.ngos.projects_helpers import make_ngo, make_project, project_data
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep

pytestmark = pytest.mark.django_db
D = datetime.date


def _pending(project: AidProject) -> list[datetime.date | None]:
    rows = Filing.objects.filter(project=project, received_on__isnull=True).order_by("period_end")
    return [filing.period_end for filing in rows]


@pytest.mark.parametrize("status", [AidProject.Status.SUSPENDED, AidProject.Status.CANCELLED])
def test_a_stopped_project_owes_no_more_reports_until_resumed(
    make_user: Callable[..., User], status: str
) -> None:
    protocol = make_user(Role.PROTOCOL)
    ngo = make_ngo()
    project = make_project(protocol, ngo)
    first = Filing.objects.get(project=project, period_end=D(2026, 6, 30))
    Filing.objects.filter(pk=first.pk).update(received_on=D(2026, 7, 10))

    project_update(actor=protocol, project=project, data=project_data(ngo, status=status))
    assert _pending(project) == []
    assert Filing.objects.filter(project=project).get().pk == first.pk  # what arrived stays

    project_update(
        actor=protocol, project=project, data=project_data(ngo, status=AidProject.Status.UNDER_WAY)
    )
    assert _pending(project) == [D(2026, 12, 31)]


def test_a_completed_project_still_owes_the_reports_of_its_periods(make_user: Callable[..., User]) -> None:
    protocol = make_user(Role.PROTOCOL)
    ngo = make_ngo()
    project = make_project(protocol, ngo)
    project_update(
        actor=protocol, project=project, data=project_data(ngo, status=AidProject.Status.COMPLETED)
    )
    assert _pending(project) == [D(2026, 6, 30), D(2026, 12, 31)]


def test_the_reports_of_a_stopped_project_remind_no_one(make_user: Callable[..., User]) -> None:
    protocol = make_user(Role.PROTOCOL)
    ngo = make_ngo()
    running = make_project(protocol, ngo, title="Đang chạy")
    stopped = make_project(protocol, ngo, title="Tạm dừng")
    # Stopped behind the services' back (an older row, a bulk change): still no reminder.
    AidProject.objects.filter(pk=stopped.pk).update(status=AidProject.Status.SUSPENDED)
    assert _pending(stopped)

    reminders_sweep(today=D(2026, 8, 3))  # both first reports are overdue by then
    reminded = set(
        Notification.objects.filter(kind="ngo_filing_overdue").values_list("params__filing", flat=True)
    )
    assert reminded & set(Filing.objects.filter(project=running).values_list("pk", flat=True))
    assert not reminded & set(Filing.objects.filter(project=stopped).values_list("pk", flat=True))


def test_a_new_donor_owes_the_reports_not_yet_received(make_user: Callable[..., User]) -> None:
    protocol = make_user(Role.PROTOCOL)
    care, plan = make_ngo("CARE International"), make_ngo("Plan International")
    project = make_project(protocol, care)
    first = Filing.objects.get(project=project, period_end=D(2026, 6, 30))
    Filing.objects.filter(pk=first.pk).update(received_on=D(2026, 7, 10))

    project_update(actor=protocol, project=project, data=project_data(plan))
    owners = dict(Filing.objects.filter(project=project).values_list("period_end", "ngo_id"))
    assert owners == {D(2026, 6, 30): care.pk, D(2026, 12, 31): plan.pk}  # the one received: as it arrived
    assert Filing.history.filter(
        project_id=project.pk, ngo_id=plan.pk
    ).exists()  # the change is in the history

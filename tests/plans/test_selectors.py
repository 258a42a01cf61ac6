from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from tests.factories import make_agency
from ttdn.accounts.models import Agency, User
from ttdn.plans.models import Plan, PlanTask, TaskProgress
from ttdn.plans.selectors import progress_for

pytestmark = pytest.mark.django_db
D = datetime.date


def test_progress_for_gives_each_task_its_latest_update_in_the_period(
    make_user: Callable[..., User],
) -> None:
    agency, other = make_agency(), make_agency()
    author = make_user(agency=agency)
    plan = Plan.objects.create(number="57/KH-UBND", issued_on=D(2026, 1, 10), title="TTĐN 2026", year=2026)
    first, second, not_ours = (PlanTask.objects.create(plan=plan, title=t) for t in ("A", "B", "C"))
    first.agencies.add(agency)
    second.agencies.add(agency, other)
    not_ours.agencies.add(other)

    def report(task: PlanTask, on: D, status: str, by: Agency = agency) -> TaskProgress:
        return TaskProgress.objects.create(
            task=task, agency=by, status=status, text="…", reported_on=on, author=author
        )

    report(first, D(2026, 1, 20), "in_progress")
    latest_first = report(first, D(2026, 3, 1), "done")
    report(first, D(2026, 3, 20), "blocked")  # after the period
    latest_second = report(second, D(2026, 2, 1), "in_progress")
    report(second, D(2026, 2, 5), "done", by=other)  # another agency's update
    report(not_ours, D(2026, 2, 1), "done", by=other)

    found = list(progress_for(agency, D(2025, 12, 15), D(2026, 3, 14)))

    assert found == [latest_first, latest_second]
    assert progress_for(other, D(2025, 12, 15), D(2026, 3, 14)).count() == 2
    assert not progress_for(agency, D(2026, 4, 1), D(2026, 6, 30)).exists()

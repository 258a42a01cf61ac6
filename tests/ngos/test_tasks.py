"""The annual reports owed by themselves each day: a beat entry, a task safe to run twice, run by a
real worker on the real broker."""

from __future__ import annotations

import datetime
import time

import pytest
from django.conf import settings
from django.utils import timezone

from ngos.deadlines import annual_report_due
from ngos.models import Certificate, Filing, Ngo, NgoSettings
from ngos.tasks import owe_annual_reports
from tests.fixtures.worker import WorkerProcess
from ttdn.cases.models import Organisation

YEAR = datetime.timedelta(days=365)


def _certified(name: str, *, valid: bool = True) -> Ngo:
    ngo = Ngo.objects.create(organisation=Organisation.objects.create(name=name, kind="ngo", country="US"))
    today = timezone.localdate()
    ends = today + YEAR if valid else datetime.date(today.year - 1, 12, 31)
    Certificate.objects.create(ngo=ngo, kind="operation", event="issued", number=name, issued_on=ends - 2 * YEAR,
                               valid_until=ends)  # fmt: skip
    return ngo


def test_the_annual_reports_are_owed_every_day() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["ngos-annual-reports"]
    assert entry["task"] == "ngos.tasks.owe_annual_reports" == owe_annual_reports.name


@pytest.mark.django_db
def test_the_task_owes_this_year_s_report_once_on_the_admins_date() -> None:
    care, _expired = _certified("CARE"), _certified("Oxfam", valid=False)
    NgoSettings.objects.filter(pk=1).update(annual_report_month=11, annual_report_day=20)
    assert owe_annual_reports() == 1
    assert owe_annual_reports() == 1  # again: the same filing
    (filing,) = Filing.objects.filter(kind=Filing.Kind.ANNUAL_REPORT)
    year = timezone.localdate().year
    assert (filing.ngo, filing.year, filing.due_on) == (care, year, datetime.date(year, 11, 20))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_owes_the_annual_reports(celery_worker_process: WorkerProcess) -> None:
    care = _certified("CARE")
    owe_annual_reports.delay()  # as beat sends it (running it twice: the test above)

    deadline = time.monotonic() + 30
    while not Filing.objects.filter(ngo=care, kind=Filing.Kind.ANNUAL_REPORT).exists():
        assert time.monotonic() < deadline, celery_worker_process.log.read_text()[-3000:]
        time.sleep(0.2)
    year = timezone.localdate().year
    (filing,) = Filing.objects.filter(kind=Filing.Kind.ANNUAL_REPORT)
    assert (filing.year, filing.due_on) == (year, annual_report_due(year))

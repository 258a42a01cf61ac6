"""The filings an NGO owes, made when what calls for them happens: a certificate issued, renewed
or amended (the activity plan and the bank-account notice), a project's reporting periods (its
progress reports), a year (the annual report). Each is made once (the filing's unique constraints),
and its due date follows a change of what it counts from until it has arrived."""

from __future__ import annotations

import datetime

from django.db import transaction

from ngos import deadlines
from ngos.models import AidProject, Certificate, Filing, Ngo

CERTIFICATE_FILINGS = (
    (Filing.Kind.ACTIVITY_PLAN, deadlines.ACTIVITY_PLAN_TIMER),
    (Filing.Kind.BANK_ACCOUNT, deadlines.BANK_ACCOUNT_TIMER),
)


def _owe(filing: Filing, *, due: datetime.date, created: bool, ngo_id: int) -> Filing:
    """``filing`` as owed now: not yet received, it follows a new due date and a new NGO owing it
    (a project's donor changed); one received stays as it arrived."""
    if created or filing.received_on is not None:
        return filing
    changed = [
        name for name, value in (("due_on", due), ("ngo_id", ngo_id)) if getattr(filing, name) != value
    ]
    if changed:
        filing.due_on, filing.ngo_id = due, ngo_id
        filing.save(update_fields=changed)
    return filing


@transaction.atomic
def certificate_filings_owe(*, certificate: Certificate) -> list[Filing]:
    """The activity plan and the bank-account notice ``certificate`` calls for (Decree 58/2022),
    due the timers' working days after it was issued, renewed or amended."""
    owed: list[Filing] = []
    for kind, timer in CERTIFICATE_FILINGS:
        due = deadlines.working_days_after(timer, certificate.issued_on)
        if due is None:  # the admins took the timer away: nothing is owed by it
            continue
        filing, created = Filing.objects.get_or_create(
            certificate=certificate, kind=kind, defaults={"ngo_id": certificate.ngo_id, "due_on": due}
        )
        owed.append(_owe(filing, due=due, created=created, ngo_id=certificate.ngo_id))
    return owed


@transaction.atomic
def certificate_filings_move(*, certificate: Certificate) -> list[Filing]:
    """A certificate corrected: the filings it already made that have not arrived follow its issue
    date. None is made here: a correction of an old certificate does not owe what was never owed."""
    timers = dict(CERTIFICATE_FILINGS)
    moved: list[Filing] = []
    for filing in Filing.objects.filter(certificate=certificate, received_on__isnull=True):
        due = deadlines.working_days_after(timers[Filing.Kind(filing.kind)], certificate.issued_on)
        if due is not None:
            moved.append(_owe(filing, due=due, created=False, ngo_id=certificate.ngo_id))
    return moved


@transaction.atomic
def project_filings_owe(*, project: AidProject) -> list[Filing]:
    """A progress report for each reporting period of an approved or running ``project``
    (Decree 80/2020), due the timer's working days after the period ends, owed by its donor.
    Reports not yet received for periods the project no longer has (its dates changed) are
    dropped, and all of them when it is suspended, cancelled or back to proposed: it owes nothing
    more (resumed, they are owed again). A completed project still owes those of its periods."""
    pending = Filing.objects.filter(project=project, received_on__isnull=True)
    if project.status not in AidProject.ACTIVE:
        if project.status != AidProject.Status.COMPLETED:
            pending.delete()
        return []
    ends = deadlines.period_ends(project.start_date, project.end_date, project.report_every_months)
    pending.exclude(period_end__in=ends).delete()
    owed: list[Filing] = []
    for period_end in ends:
        due = deadlines.working_days_after(deadlines.PROJECT_PROGRESS_TIMER, period_end)
        if due is None:
            return owed
        filing, created = Filing.objects.get_or_create(
            project=project,
            period_end=period_end,
            defaults={"ngo_id": project.ngo_id, "kind": Filing.Kind.PROJECT_PROGRESS, "due_on": due},
        )
        owed.append(_owe(filing, due=due, created=created, ngo_id=project.ngo_id))
    return owed


@transaction.atomic
def annual_reports_owe(*, year: int) -> list[Filing]:
    """The annual report of ``year`` of every NGO whose certificate was valid in that year, due on
    the date the admins set."""
    due = deadlines.annual_report_due(year)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    ngos = Ngo.objects.filter(
        certificates__issued_on__lte=last, certificates__valid_until__gte=first
    ).distinct()
    owed: list[Filing] = []
    for ngo in ngos:
        filing, created = Filing.objects.get_or_create(
            ngo=ngo, kind=Filing.Kind.ANNUAL_REPORT, year=year, defaults={"due_on": due}
        )
        owed.append(_owe(filing, due=due, created=created, ngo_id=ngo.pk))
    return owed

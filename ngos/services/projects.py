"""Aid projects (Decree 80/2020/NĐ-CP): recorded and changed by protocol staff, linked to the
visits that serve them, and their progress reports recorded when they arrive.

Amounts: VND integers. Aid given in another currency keeps its amount and the rate used; the VND
commitment is then the decision's own figure when it is given, else ``round(amount * rate)``.
After every create or update, the progress reports the project's periods call for are owed
(``project_filings_owe``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngos.models import AidProject, AidSector, Filing, Ngo
from ngos.policy import may_manage_ngos
from ngos.services.filings import project_filings_owe
from ngos.services.registry import Receipt, filing_record
from ttdn.accounts.models import Agency, User
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce

PROJECT_LINKED, PROJECT_UNLINKED = "ngos.project_linked", "ngos.project_unlinked"
EVENTS = {
    PROJECT_LINKED: gettext_lazy("aid project linked"),
    PROJECT_UNLINKED: gettext_lazy("aid project unlinked"),
}
VND = "VND"
MAX_VND = 2**63 - 1  # the largest amount the database keeps


@dataclass(frozen=True)
class ProjectData:
    ngo: Ngo
    title: str
    sector: AidSector
    start_date: datetime.date
    end_date: datetime.date
    committed: int | None = None  # None: worked out from the foreign amount and its rate
    disbursed: int = 0
    currency: str = ""
    amount_in_currency: Decimal | None = None
    exchange_rate: Decimal | None = None
    decision_number: str = ""
    decision_date: datetime.date | None = None
    decided_by: str = ""
    status: str = AidProject.Status.PROPOSED
    report_every_months: int = 6
    notes: str = ""
    communes: list[Agency] = field(default_factory=list)


def committed_from_currency(amount: Decimal, rate: Decimal) -> int:
    return int((amount * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _values(data: ProjectData) -> dict[str, Any]:
    """The project's fields from ``data``, checked together; errors by field, nothing saved."""
    errors: dict[str, list[str]] = {}
    currency = data.currency.strip().upper()
    if currency == VND:
        currency = ""
    committed = data.committed
    if currency:
        for name in ("amount_in_currency", "exchange_rate"):
            if getattr(data, name) is None:
                errors.setdefault(name, []).append(
                    _("Aid given in another currency needs its amount and rate.")
                )
        if committed is None and data.amount_in_currency is not None and data.exchange_rate is not None:
            committed = committed_from_currency(data.amount_in_currency, data.exchange_rate)
    elif data.amount_in_currency is not None or data.exchange_rate is not None:
        errors.setdefault("currency", []).append(_("Name the currency of the amount and rate."))
    if committed is None and not errors:
        errors.setdefault("committed", []).append(_("Give the amount committed in VND."))
    if committed is not None and committed > MAX_VND:
        errors.setdefault("committed", []).append(_("The amount is too large."))
    elif committed is not None and data.disbursed > committed:
        errors.setdefault("disbursed", []).append(_("More cannot be disbursed than was committed."))
    if data.end_date < data.start_date:
        errors.setdefault("end_date", []).append(_("A project cannot end before it starts."))
    if errors:
        raise ValidationError(errors)
    return {
        "ngo": data.ngo,
        "title": data.title.strip(),
        "sector": data.sector,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "committed": committed,
        "disbursed": data.disbursed,
        "currency": currency,
        "amount_in_currency": data.amount_in_currency if currency else None,
        "exchange_rate": data.exchange_rate if currency else None,
        "decision_number": data.decision_number.strip(),
        "decision_date": data.decision_date,
        "decided_by": data.decided_by.strip(),
        "status": data.status,
        "report_every_months": data.report_every_months,
        "notes": data.notes,
    }


def _save(*, actor: User, project: AidProject, data: ProjectData) -> AidProject:
    for name, value in _values(data).items():
        setattr(project, name, value)
    project.full_clean(exclude=["communes", "cases"])
    stamp(project, actor)
    project.save()
    if set(project.communes.all()) != set(data.communes):
        project.communes.set(data.communes)
    project_filings_owe(project=project)
    return project


@transaction.atomic
def project_create(*, actor: User, data: ProjectData) -> AidProject:
    enforce(may_manage_ngos(user=actor))
    return _save(actor=actor, project=AidProject(), data=data)


@transaction.atomic
def project_update(*, actor: User, project: AidProject, data: ProjectData) -> AidProject:
    enforce(may_manage_ngos(user=actor))
    project = AidProject.objects.select_for_update().get(pk=project.pk)
    return _save(actor=actor, project=project, data=data)


@transaction.atomic
def project_link_case(*, actor: User, project: AidProject, case: Case) -> AidProject:
    """``case`` (which the caller fetched through the cases' selector) serves ``project``."""
    enforce(may_manage_ngos(user=actor))
    if project.cases.filter(pk=case.pk).exists():
        raise CaseError(_("The visit is already linked to this project."))
    stamp(project, actor)
    project.cases.add(case)
    log_event(case=case, code=PROJECT_LINKED, actor=actor, text=project.title, data={"project": project.pk})
    return project


@transaction.atomic
def project_unlink_case(*, actor: User, project: AidProject, case: Case) -> AidProject:
    enforce(may_manage_ngos(user=actor))
    if not project.cases.filter(pk=case.pk).exists():
        raise CaseError(_("The visit is not linked to this project."))
    stamp(project, actor)
    project.cases.remove(case)
    log_event(case=case, code=PROJECT_UNLINKED, actor=actor, text=project.title, data={"project": project.pk})
    return project


@transaction.atomic
def project_report_record(
    *,
    actor: User,
    filing: Filing,
    received_on: datetime.date,
    document_number: str = "",
    document_date: datetime.date | None = None,
    file: UploadedFile | None = None,
    notes: str = "",
) -> Filing:
    """A project's progress report arrived: when, its document and, if given, its scan; recorded
    as every filing is (``filing_record``: the same checks of the dates and the upload)."""
    enforce(may_manage_ngos(user=actor))
    if filing.kind != Filing.Kind.PROJECT_PROGRESS or filing.project_id is None:
        raise CaseError(_("This filing is not a project's progress report."))
    receipt = Receipt(
        received_on=received_on,
        document_number=document_number.strip(),
        document_date=document_date,
        notes=notes,
    )
    return filing_record(actor=actor, filing=filing, receipt=receipt, upload=file)

"""Writes of report requests and contributions: create, send, save, submit, remind, compile and
issue. Each checks the policy, validates, and owns its transaction; a refusal or bad input
raises ``CaseError`` / ``ValidationError`` with a translated message and changes nothing."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import roles_load
from ttdn.cases.policy import enforce
from ttdn.cases.text import fold
from ttdn.documents.models import Document, DocumentTemplate, DocumentType, Register
from ttdn.documents.services import document_issue
from ttdn.notifications.services import notify
from ttdn.reports.contributions import policy
from ttdn.reports.contributions.compiled import compiled_content, render, summary_of
from ttdn.reports.contributions.filled import agency_figures, agency_progress
from ttdn.reports.contributions.reminders import REMINDED, SENT
from ttdn.reports.models import SECTIONS, Contribution, ContributionReminder, ReportRequest
from ttdn.reports.periods import Period

SECTION_FIELDS = [name for name, _title in SECTIONS]
TEXT_MAX = 20000
COMPILED_TEMPLATE = "compiled-report"  # the document template row (reports 0002)


def contribution_url(contribution: Contribution) -> str:
    return reverse("reports:contribution", kwargs={"pk": contribution.pk})


def agency_staff(agency_id: int) -> list[User]:
    """The people who write the agency's contributions (its protocol and host staff, its police)."""
    users = list(User.objects.filter(agency_id=agency_id, is_active=True))
    roles_load(users)
    return [user for user in users if policy.contributes_for_agency(user)]


def _notify_agency(contribution: Contribution, *, kind: str, key: str) -> int:
    request = contribution.request
    return notify(
        recipients=agency_staff(contribution.agency_id),
        kind=kind,
        key=key,
        params={
            "title": request.title,
            "period": request.period_label,
            "due": request.due_on.isoformat(),
            "path": contribution_url(contribution),
        },
    )


def _in_vietnamese(text: Callable[[], str]) -> str:
    """The record's own wording (the notifications quote it): the system's language, Vietnamese."""
    with translation.override(settings.LANGUAGE_CODE):
        return text()


@dataclass(frozen=True)
class RequestData:
    title: str
    period: Period
    due_on: datetime.date
    agencies: list[Agency]
    instructions: str = ""


@transaction.atomic
def request_create(*, actor: User, data: RequestData) -> ReportRequest:
    """A draft request: protocol staff choose the period, the agencies and the due date."""
    enforce(policy.may_manage_requests(user=actor))
    if not data.agencies:
        raise ValidationError(_("Choose at least one agency to ask."), code="agencies")
    if data.due_on < data.period.start:
        raise ValidationError(_("The due date cannot be before the period starts."), code="due_on")
    period = data.period
    request = ReportRequest(
        title=data.title.strip(),
        basis=period.basis,
        period_year=period.year,
        period_quarter=period.quarter,
        period_half=period.half,
        period_start=period.start,
        period_end=period.end,
        period_label=_in_vietnamese(period.label)[:120],
        due_on=data.due_on,
        instructions=data.instructions.strip(),
        created_by=actor,
    )
    request.full_clean()
    request.save()
    request.agencies.set(data.agencies)
    return request


@transaction.atomic
def request_send(*, actor: User, request: ReportRequest) -> ReportRequest:
    """Send the request: one draft contribution per agency asked, and each agency's staff told."""
    request = ReportRequest.objects.select_for_update().get(pk=request.pk)
    enforce(policy.may_send_request(user=actor, request=request))
    agencies = list(request.agencies.all())
    if not agencies:
        raise ValidationError(_("Choose at least one agency to ask."), code="agencies")
    contributions = Contribution.objects.bulk_create(
        [Contribution(request=request, agency=agency) for agency in agencies]
    )
    request.status = ReportRequest.Status.SENT
    request.sent_by, request.sent_at = actor, timezone.now()
    request.save(update_fields=["status", "sent_by", "sent_at"])
    for contribution in contributions:
        contribution.request = request
        _notify_agency(contribution, kind=SENT, key=f"{request.pk}:{contribution.agency_id}")
    return request


def _texts(values: dict[str, str]) -> dict[str, str]:
    texts = {name: str(values.get(name, "") or "").strip() for name in SECTION_FIELDS}
    for name, text in texts.items():
        if len(text) > TEXT_MAX:
            raise ValidationError(
                {name: _("At most %(count)s characters.") % {"count": TEXT_MAX}}, code="max_length"
            )
    return texts


def _fill(contribution: Contribution, *, actor: User) -> None:
    period = contribution.request.period()
    contribution.figures = agency_figures(user=actor, period=period)
    contribution.progress = agency_progress(agency=contribution.agency, period=period)
    contribution.updated_by, contribution.updated_at = actor, timezone.now()


def _locked(contribution: Contribution) -> Contribution:
    return (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("request", "agency")
        .get(pk=contribution.pk)
    )


@transaction.atomic
def contribution_save(*, actor: User, contribution: Contribution, texts: dict[str, str]) -> Contribution:
    """Save the draft's narrative; its figures and tasks' progress are taken again as they are now."""
    contribution = _locked(contribution)
    enforce(policy.may_edit_contribution(user=actor, contribution=contribution))
    for name, text in _texts(texts).items():
        setattr(contribution, name, text)
    _fill(contribution, actor=actor)
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def contribution_submit(
    *, actor: User, contribution: Contribution, texts: dict[str, str] | None = None
) -> Contribution:
    """Submit the contribution (with ``texts``, saved first): its figures and progress are kept
    as they are now. The results section is required."""
    contribution = _locked(contribution)
    enforce(policy.may_edit_contribution(user=actor, contribution=contribution))
    if texts is not None:
        for name, text in _texts(texts).items():
            setattr(contribution, name, text)
    if not contribution.results:
        raise ValidationError(
            {"results": _("Write the results of the period before submitting.")}, code="required"
        )
    _fill(contribution, actor=actor)
    contribution.status = Contribution.Status.SUBMITTED
    contribution.submitted_by, contribution.submitted_at = actor, timezone.now()
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def request_remind(*, actor: User, request: ReportRequest) -> list[ContributionReminder]:
    """Remind, once per call, each agency that has not submitted: the reminder is recorded (shown
    on the request's page) and its staff are notified."""
    request = ReportRequest.objects.select_for_update().get(pk=request.pk)
    enforce(policy.may_remind(user=actor, request=request))
    pending = list(
        request.contributions.filter(status=Contribution.Status.DRAFT).select_related("agency", "request")
    )
    if not pending:
        raise ValidationError(_("Every agency has submitted: there is nobody to remind."), code="nobody")
    reminders = []
    for contribution in pending:
        reminder = ContributionReminder.objects.create(contribution=contribution, sent_by=actor)
        _notify_agency(contribution, kind=REMINDED, key=str(reminder.pk))
        reminders.append(reminder)
    return reminders


def pending_agencies(request: ReportRequest) -> Iterable[Agency]:
    return Agency.objects.filter(
        contributions__request=request, contributions__status=Contribution.Status.DRAFT
    ).order_by("name_vi")


def _register_and_symbol() -> tuple[Register, str, str]:
    """The register, symbol and type of the compiled report: the document template
    ``compiled-report``'s (admins may change them), else the default register's ``BC-`` symbol."""
    template = DocumentTemplate.objects.select_related("register").filter(code=COMPILED_TEMPLATE).first()
    if template is not None:
        return template.register, template.symbol, template.doc_type
    register = Register.objects.filter(direction=Register.Direction.OUT, is_default=True).first()
    if register is None:
        raise ValidationError(_("There is no default register of documents out."), code="register")
    return register, f"BC-{register.body_symbol}", DocumentType.REPORT


def _draw(document: Document, *, actor: User, request: ReportRequest) -> None:
    """(Re)draw the DOCX of ``document`` from the request as it is now; the PDF follows (worker)."""
    content = compiled_content(user=actor, request=request)
    data = render(request=request, content=content, document=document)
    if document.docx:
        document.docx.delete(save=False)
    document.docx.save(f"{document.file_stem}.docx", ContentFile(data), save=False)
    if document.pdf:
        document.pdf.delete(save=False)
    document.rendered_at = timezone.now()
    document.conversion, document.conversion_error = Document.Conversion.PENDING, ""
    document.search_text = fold(
        " ".join(filter(None, [document.number_label, document.summary, request.title]))
    )


def _convert_later(document: Document) -> None:
    from ttdn.documents.tasks import convert_document

    transaction.on_commit(partial(convert_document.delay, document.pk, document.generation))


@transaction.atomic
def request_compile(*, actor: User, request: ReportRequest) -> ReportRequest:
    """Compile the report from the contributions submitted so far: a draft document out (number
    ``...`` until issued), drawn again at each compiling; the request is then compiled, and the
    contributions still in draft are closed."""
    request = (
        ReportRequest.objects.select_for_update(of=("self",)).select_related("document").get(pk=request.pk)
    )
    enforce(policy.may_compile(user=actor, request=request))
    document = request.document
    if document is None:
        register, symbol, doc_type = _register_and_symbol()
        document = Document(register=register, symbol=symbol, doc_type=doc_type, created_by=actor)
    else:
        document.generation += 1
    document.summary = summary_of(request)
    _draw(document, actor=actor, request=request)
    document.full_clean(exclude=["docx"])
    document.save()
    request.document = document
    request.status = ReportRequest.Status.COMPILED
    request.compiled_at = timezone.now()
    request.save(update_fields=["document", "status", "compiled_at"])
    _convert_later(document)
    return request


def request_issue(
    *, actor: User, request: ReportRequest, signer: str, issued_on: datetime.date, recipients: list[str]
) -> ReportRequest:
    """Issue the compiled report: its number from the register of documents out (the documents'
    own service), then the DOCX drawn again with the number, date, signer and recipients."""
    with transaction.atomic():
        request = (
            ReportRequest.objects.select_for_update(of=("self",))
            .select_related("document")
            .get(pk=request.pk)
        )
        enforce(policy.may_issue_compiled(user=actor, request=request))
        assert request.document is not None  # noqa: S101 - the policy says so
        document = document_issue(
            actor=actor, document=request.document, signer=signer, issued_on=issued_on, recipients=recipients
        )
        document.generation += 1
        _draw(document, actor=actor, request=request)
        document.save()
        _convert_later(document)
    request.document = document
    return request

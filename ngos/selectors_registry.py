"""The registry's reads beyond who sees what (``ngos.selectors``): the list's search and its
filter by certificate, and what an NGO's page shows. Every one starts from the selectors of
``ngos.selectors``, so that what a user can list is what they can open."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import chain
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ngos.models import Certificate, Filing, Ngo, NgoContact
from ngos.selectors import (
    certificates_visible_to,
    filings_visible_to,
    ngos_visible_to,
    projects_visible_to,
    reads_registry,
)
from ttdn.cases.models import Case, Organisation
from ttdn.cases.selectors import cases_visible_to
from ttdn.cases.text import fold

ENDING_SOON_DAYS = 90  # what the list calls "ending soon", as the reminder of certificates does

CERTIFICATE_STATES = (
    ("valid", _("Certificate valid")),
    ("ending", _("Ending within 90 days")),
    ("expired", _("Expired")),
    ("none", _("No certificate")),
)
FILING_STATES = (
    ("due", pgettext_lazy("filing", "Due")),
    ("overdue", pgettext_lazy("filing", "Overdue")),
    ("received", pgettext_lazy("filing", "Received")),
)


@dataclass(frozen=True)
class State:
    code: str
    label: str


def certificate_state(valid_until: datetime.date | None, today: datetime.date) -> State:
    labels = dict(CERTIFICATE_STATES)
    if valid_until is None:
        code = "none"
    elif valid_until < today:
        code = "expired"
    elif valid_until <= today + datetime.timedelta(days=ENDING_SOON_DAYS):
        code = "ending"
    else:
        code = "valid"
    return State(code, str(labels[code]))


def filing_state(filing: Filing, today: datetime.date) -> State:
    labels = dict(FILING_STATES)
    code = "received" if filing.received_on else "overdue" if filing.due_on < today else "due"
    return State(code, str(labels[code]))


def ngos_listed(
    *, user: Any, search: str = "", state: str = "", country: str = "", today: datetime.date | None = None
) -> QuerySet[Ngo]:
    """The NGOs ``user`` may see, searched (without diacritics) and filtered by the state of their
    latest-ending certificate (``certificate_until``, annotated) and their country."""
    today = today or timezone.localdate()
    ngos = (
        ngos_visible_to(user)
        .select_related("organisation")
        .annotate(certificate_until=Max("certificates__valid_until"))
    )
    for word in fold(search).split():
        ngos = ngos.filter(search_text__contains=word)
    if country:
        ngos = ngos.filter(organisation__country=country)
    soon = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    wanted = {
        "valid": Q(certificate_until__gt=soon),
        "ending": Q(certificate_until__gte=today, certificate_until__lte=soon),
        "expired": Q(certificate_until__lt=today),
        "none": Q(certificate_until__isnull=True),
    }.get(state)
    if wanted is not None:
        ngos = ngos.filter(wanted)
    return ngos.order_by("organisation__name", "pk")


def ngo_get_for(*, user: Any, pk: int) -> Ngo:
    """One NGO ``user`` may see (404 for another: missing and hidden look the same)."""
    ngo = ngos_visible_to(user).select_related("organisation").filter(pk=pk).first()
    if ngo is None:
        raise Http404
    return ngo


def certificate_get_for(*, user: Any, ngo: Ngo, pk: int) -> Certificate:
    certificate = certificates_visible_to(user).filter(ngo=ngo, pk=pk).first()
    if certificate is None:
        raise Http404
    return certificate


def filing_get_for(*, user: Any, ngo: Ngo, pk: int) -> Filing:
    filing = filings_visible_to(user).filter(ngo=ngo, pk=pk).first()
    if filing is None:
        raise Http404
    return filing


def contact_get(*, ngo: Ngo, pk: int) -> NgoContact:
    contact = ngo.contacts.filter(pk=pk).first()
    if contact is None:
        raise Http404
    return contact


def organisations_to_take() -> QuerySet[Organisation]:
    """The foreign organisations of kind NGO not in the registry yet (to take in)."""
    return Organisation.objects.filter(kind=Organisation.Kind.NGO, ngo__isnull=True).order_by("name", "pk")


def ngo_visits(*, user: Any, ngo: Ngo) -> QuerySet[Case]:
    """The visits whose counterpart is ``ngo`` that ``user`` may see."""
    return (
        cases_visible_to(user)
        .filter(counterpart=ngo.organisation_id)
        .select_related("lead_agency")
        .order_by("-start_date", "-pk")
    )


@dataclass(frozen=True)
class HistoryRow:
    at: datetime.datetime
    user: Any
    what: str
    record: str
    change: str


CHANGES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def ngo_history(*, user: Any, ngo: Ngo, limit: int = 50) -> list[HistoryRow]:
    """The latest changes of the NGO, its organisation, certificates, contacts and filings (a
    project's only with a project ``user`` may see)."""
    filings = Filing.history.filter(ngo_id=ngo.pk)
    if not reads_registry(user):
        filings = filings.filter(
            Q(project_id__isnull=True) | Q(project_id__in=projects_visible_to(user).values("pk"))
        )
    sources: list[tuple[Any, Any]] = [
        (Ngo.history.filter(id=ngo.pk), Ngo),
        (Organisation.history.filter(id=ngo.organisation_id), Organisation),
        (Certificate.history.filter(ngo_id=ngo.pk), Certificate),
        (NgoContact.history.filter(ngo_id=ngo.pk), NgoContact),
        (filings, Filing),
    ]
    records = chain.from_iterable(
        ((record, model) for record in rows.select_related("history_user").order_by("-history_date")[:limit])
        for rows, model in sources
    )
    rows = [
        HistoryRow(
            at=record.history_date,
            user=record.history_user,
            what=str(model._meta.verbose_name),
            record=_record_label(record, model),
            change=str(CHANGES.get(record.history_type, record.history_type)),
        )
        for record, model in records
    ]
    return sorted(rows, key=lambda row: row.at, reverse=True)[:limit]


def _record_label(record: Any, model: Any) -> str:
    if model is Certificate:
        return str(record.number)
    if model is Filing:
        return str(Filing.Kind(record.kind).label)
    if model is NgoContact:
        return str(record.name)
    return ""


def ngo_page_data(*, user: Any, ngo: Ngo) -> dict[str, Any]:
    """What the NGO's page shows ``user`` (who may see ``ngo``)."""
    today = timezone.localdate()
    certificates = list(ngo.certificates.all())
    filings = list(
        filings_visible_to(user)
        .filter(ngo=ngo)
        .select_related("certificate", "project")
        .order_by("received_on", "due_on", "pk")
    )
    return {
        "certificates": [(c, certificate_state(c.valid_until, today)) for c in certificates],
        "certificate_state": certificate_state(
            max((c.valid_until for c in certificates), default=None), today
        ),
        "contacts": list(ngo.contacts.all()),
        "filings": [(f, filing_state(f, today)) for f in filings],
        "projects": list(
            projects_visible_to(user).filter(ngo=ngo).select_related("sector").order_by("-start_date", "-pk")
        ),
        "visits": list(ngo_visits(user=user, ngo=ngo)[:100]),
        "history": ngo_history(user=user, ngo=ngo),
    }

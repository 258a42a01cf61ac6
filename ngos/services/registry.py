"""The registry's writes, by protocol staff: an NGO (with its organisation), its certificates
(with what they make the NGO owe: ``certificate_filings_owe``), its contacts, and the filings
it sends. Each checks ``may_manage_ngos``, validates, keeps the history (the models' own, with
who made the change) and keeps ``Ngo.search_text`` up to date."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ngos.models import Certificate, Filing, Ngo, NgoContact
from ngos.policy import may_manage_ngos
from ngos.services.filings import certificate_filings_move, certificate_filings_owe
from ttdn.accounts.models import User
from ttdn.cases.files import check_upload
from ttdn.cases.history import stamp
from ttdn.cases.models import Organisation
from ttdn.cases.policy import enforce
from ttdn.cases.text import fold

ORGANISATION_FIELDS = ("name", "name_vi", "country", "website")
NGO_FIELDS = ("acronym", "headquarters", "fields_of_work", "notes")
CERTIFICATE_FIELDS = (
    "kind", "event", "number", "issued_by", "issued_on", "valid_until", "nationwide", "provinces",
    "fields_of_work",
)  # fmt: skip
CONTACT_FIELDS = ("name", "position", "email", "phone")
FILING_RECEIPT_FIELDS = ("received_on", "document_number", "document_date", "notes")


@dataclass
class NgoData:
    """What the NGO's form gives: its organisation's fields and the registry's."""

    name: str = ""
    name_vi: str = ""
    country: str = ""
    website: str = ""
    acronym: str = ""
    headquarters: str = ""
    fields_of_work: str = ""
    notes: str = ""

    @classmethod
    def of(cls, values: dict[str, Any]) -> NgoData:
        return cls(**{name: values.get(name) or "" for name in (*ORGANISATION_FIELDS, *NGO_FIELDS)})


@dataclass
class Receipt:
    """A filing's arrival: when, the document that brought it, notes."""

    received_on: datetime.date
    document_number: str = ""
    document_date: datetime.date | None = None
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def ngo_search_text(ngo: Ngo) -> str:
    """Name, Vietnamese name, acronym and certificate numbers, folded (``ttdn.cases.text.fold``)."""
    organisation = ngo.organisation
    numbers = ngo.certificates.values_list("number", flat=True) if ngo.pk else []
    return fold(" ".join([organisation.name, organisation.name_vi, ngo.acronym, *numbers]))


def _search_text_refresh(ngo: Ngo) -> None:
    text = ngo_search_text(ngo)
    if text != ngo.search_text:
        ngo.search_text = text
        Ngo.objects.filter(pk=ngo.pk).update(search_text=text)  # not part of the history


def _assign(instance: models.Model, values: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """Set ``names`` from ``values`` on ``instance``; the names that changed."""
    changed = []
    for name in names:
        if name in values and getattr(instance, name) != values[name]:
            setattr(instance, name, values[name])
            changed.append(name)
    return changed


def _save_with_upload(
    instance: Certificate | Filing, *, actor: User, upload: UploadedFile | None, save: Callable[[], None]
) -> None:
    """Save ``instance`` with ``upload`` (checked like the case attachments) as its file; nothing
    of the upload stays behind when the save fails, and a replaced file goes once saved."""
    old = instance.file.name if upload is not None and instance.file else ""
    if upload is not None:
        check_upload(upload)
        instance.original_name = (upload.name or "file")[:255]
        instance.file.save(upload.name or "file", upload, save=False)
    stamp(instance, actor)
    try:
        save()
    except Exception:
        if upload is not None:
            instance.file.delete(save=False)
        raise
    if old:
        storage = instance.file.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def ngo_create(*, actor: User, data: NgoData, organisation: Organisation | None = None) -> Ngo:
    """Take ``organisation`` (a foreign NGO not in the registry yet) into the registry, or, without
    one, a new foreign organisation of kind NGO made from ``data``."""
    enforce(may_manage_ngos(user=actor))
    values = vars(data)
    if organisation is None:
        organisation = Organisation(kind=Organisation.Kind.NGO)
        _assign(organisation, values, ORGANISATION_FIELDS)
    else:
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.kind != Organisation.Kind.NGO:
            raise ValidationError({"organisation": _("This organisation is not a foreign NGO.")})
        if Ngo.objects.filter(organisation=organisation).exists():
            raise ValidationError({"organisation": _("This NGO is already in the registry.")})
        _assign(organisation, {k: v for k, v in values.items() if v}, ORGANISATION_FIELDS)
    organisation.full_clean()
    stamp(organisation, actor)
    organisation.save()
    ngo = Ngo(organisation=organisation)
    _assign(ngo, values, NGO_FIELDS)
    ngo.search_text = ngo_search_text(ngo)
    ngo.full_clean()
    stamp(ngo, actor)
    ngo.save()
    return ngo


@transaction.atomic
def ngo_update(*, actor: User, ngo: Ngo, data: NgoData) -> Ngo:
    enforce(may_manage_ngos(user=actor))
    ngo = Ngo.objects.select_for_update().select_related("organisation").get(pk=ngo.pk)
    values = vars(data)
    organisation = ngo.organisation
    changed = _assign(organisation, values, ORGANISATION_FIELDS)
    if changed:
        organisation.full_clean()
        stamp(organisation, actor)
        organisation.save(update_fields=changed)
    changed = _assign(ngo, values, NGO_FIELDS)
    if changed:
        ngo.full_clean()
        stamp(ngo, actor)
        ngo.save(update_fields=changed)
    _search_text_refresh(ngo)
    return ngo


@transaction.atomic
def certificate_add(
    *, actor: User, ngo: Ngo, values: dict[str, Any], upload: UploadedFile | None = None
) -> Certificate:
    """Record a certificate of ``ngo`` as issued, renewed or amended: the activity plan and the
    bank-account notice it calls for are owed from then (``certificate_filings_owe``)."""
    enforce(may_manage_ngos(user=actor))
    certificate = Certificate(ngo=ngo)
    _assign(certificate, values, CERTIFICATE_FIELDS)
    certificate.full_clean(exclude=["file"])
    _save_with_upload(certificate, actor=actor, upload=upload, save=certificate.save)
    certificate_filings_owe(certificate=certificate)
    _search_text_refresh(ngo)
    return certificate


@transaction.atomic
def certificate_update(
    *, actor: User, certificate: Certificate, values: dict[str, Any], upload: UploadedFile | None = None
) -> Certificate:
    """Correct a certificate; the filings it made that have not arrived follow a change of its issue
    date (``certificate_filings_move``: none is owed anew, the record may be an old one)."""
    enforce(may_manage_ngos(user=actor))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    changed = _assign(certificate, values, CERTIFICATE_FIELDS)
    if upload is not None:
        changed += ["file", "original_name"]
    if not changed:
        return certificate
    certificate.full_clean(exclude=["file"])
    _save_with_upload(
        certificate, actor=actor, upload=upload, save=lambda: certificate.save(update_fields=changed)
    )
    certificate_filings_move(certificate=certificate)
    _search_text_refresh(certificate.ngo)
    return certificate


@transaction.atomic
def contact_set(
    *, actor: User, ngo: Ngo, values: dict[str, Any], contact: NgoContact | None = None
) -> NgoContact:
    """Add a contact of ``ngo``, or correct ``contact``."""
    enforce(may_manage_ngos(user=actor))
    if contact is None:
        contact = NgoContact(ngo=ngo)
    elif contact.ngo_id != ngo.pk:
        raise ValidationError(_("This contact is not one of this NGO's."))
    changed = _assign(contact, values, CONTACT_FIELDS)
    if contact.pk and not changed:
        return contact
    contact.full_clean()
    stamp(contact, actor)
    contact.save(update_fields=changed) if contact.pk else contact.save()
    return contact


@transaction.atomic
def filing_record(
    *, actor: User, filing: Filing, receipt: Receipt, upload: UploadedFile | None = None
) -> Filing:
    """Record that ``filing`` arrived: when (not after today), with which document (not dated
    after it arrived), and the document's file (checked like the case attachments; a replaced
    file goes once saved). Every kind of filing, a project's progress reports too."""
    enforce(may_manage_ngos(user=actor))
    if receipt.received_on > timezone.localdate():
        raise ValidationError({"received_on": _("A filing cannot arrive in the future.")})
    filing = Filing.objects.select_for_update().get(pk=filing.pk)
    values = {name: getattr(receipt, name) for name in FILING_RECEIPT_FIELDS}
    changed = _assign(filing, values, FILING_RECEIPT_FIELDS)
    if filing.recorded_by_id != actor.pk:
        filing.recorded_by = actor
        changed.append("recorded_by")
    if upload is not None:
        changed += ["file", "original_name"]
    if filing.document_date and filing.received_on and filing.document_date > filing.received_on:
        raise ValidationError({"document_date": _("The document cannot be dated after it arrived.")})
    filing.full_clean(exclude=["file"])
    _save_with_upload(filing, actor=actor, upload=upload, save=lambda: filing.save(update_fields=changed))
    return filing


@transaction.atomic
def filing_add(*, actor: User, ngo: Ngo, values: dict[str, Any]) -> Filing:
    """A filing the NGO owes that no certificate or project made (an annual report owed before
    the registry kept them, say), recorded by hand."""
    enforce(may_manage_ngos(user=actor))
    filing = Filing(ngo=ngo, recorded_by=actor)
    _assign(filing, values, ("kind", "year", "due_on", *FILING_RECEIPT_FIELDS))
    if filing.kind == Filing.Kind.PROJECT_PROGRESS:
        raise ValidationError({"kind": _("A project's progress reports are owed by the project itself.")})
    if filing.kind == Filing.Kind.ANNUAL_REPORT and filing.year is None:
        raise ValidationError({"year": _("Say which year the annual report is for.")})
    filing.full_clean(exclude=["file"])
    stamp(filing, actor)
    filing.save()
    return filing

"""The certificate checks of a visit whose counterpart is a foreign NGO (Decree 58/2022/NĐ-CP):
an NGO works in the province only under a certificate that is valid and names the province (or
the whole country). Registered with ``ttdn.cases.warnings`` in ``NgosConfig.ready``: the case page,
the police's review page and the messages after a save or a submit show what they say. A warning
tells; it never blocks."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ngos.models import Certificate
from ttdn.cases.models import Organisation
from ttdn.cases.text import fold

if TYPE_CHECKING:
    from ttdn.cases.models import Case


def covers_province(certificate: Certificate) -> bool:
    """The certificate covers the whole country, or one of its lines names this province (folded:
    "Tỉnh Tuyên Quang", "TUYEN QUANG" and "tuyên quang" all do)."""
    if certificate.nationwide:
        return True
    province = re.compile(rf"\b{re.escape(fold(settings.TTDN_PROVINCE_NAME))}\b")
    return any(province.search(fold(line)) for line in certificate.provinces.splitlines())


def certificate_for(certificates: list[Certificate], case: Case) -> Certificate | None:
    """The certificate that answers for the visit: the latest one valid through the whole visit and
    covering the province; failing that the latest still valid today; failing that the latest."""
    today = timezone.localdate()

    def rank(certificate: Certificate) -> tuple[bool, bool, datetime.date, datetime.date, int]:
        serves = (
            certificate.issued_on <= case.start_date
            and certificate.valid_until >= case.end_date
            and covers_province(certificate)
        )
        return (serves, certificate.valid_until >= today, certificate.issued_on, certificate.valid_until,
                certificate.pk)  # fmt: skip

    return max(certificates, key=rank, default=None)


def _day(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def certificate_warnings(case: Case) -> list[str]:
    """What is wrong with the certificate of the NGO an inbound visit is with (nothing for another
    counterpart, nor for an outbound visit: a certificate is for working in Vietnam)."""
    counterpart = case.counterpart
    if (
        counterpart is None
        or counterpart.kind != Organisation.Kind.NGO
        or case.direction != case.Direction.INBOUND
    ):
        return []
    ngo = getattr(counterpart, "ngo", None)
    certificates = list(ngo.certificates.all()) if ngo is not None else []
    certificate = certificate_for(certificates, case)
    if certificate is None:
        return [
            _("%(ngo)s has no certificate on record in the registry of foreign NGOs.")
            % {"ngo": counterpart.name}
        ]
    names = {
        "ngo": counterpart.name,
        "number": certificate.number,
        "issued": _day(certificate.issued_on),
        "until": _day(certificate.valid_until),
        "end": _day(case.end_date),
        "province": settings.TTDN_PROVINCE_NAME,
    }
    found: list[str] = []
    today = timezone.localdate()
    if certificate.valid_until < today <= case.end_date:
        found.append(
            _("The certificate no. %(number)s of %(ngo)s (issued on %(issued)s) expired on %(until)s.")
            % names
        )
    elif certificate.valid_until < case.end_date:
        found.append(
            _(
                "The certificate no. %(number)s of %(ngo)s (issued on %(issued)s) is valid until "
                "%(until)s, before the visit ends on %(end)s."
            )
            % names
        )
    if not covers_province(certificate):
        found.append(
            _(
                "The certificate no. %(number)s of %(ngo)s (issued on %(issued)s, valid until %(until)s) "
                "does not cover %(province)s."
            )
            % names
        )
    return found

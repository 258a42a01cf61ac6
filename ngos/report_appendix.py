"""The compiled report's appendix of the foreign NGOs active in the period: each NGO holding a
certificate valid on some day of it (as the report's "active NGOs" figure counts them), with that
certificate (the latest valid one) and its counted visits of the period that the compiling user
may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from ngos.models import Certificate
from ngos.selectors import reads_registry
from ttdn.cases.models import Organisation
from ttdn.reports.periods import Period
from ttdn.reports.sections import ReportAppendix
from ttdn.reports.statistics import counted_cases


def active_ngo_rows(user: Any, period: Period) -> list[list[str]]:
    certificates = (
        Certificate.objects.filter(issued_on__lte=period.end, valid_until__gte=period.start)
        .select_related("ngo__organisation")
        .order_by("ngo__organisation__name", "ngo_id", "-valid_until", "-pk")
    )
    visits = dict(
        counted_cases(user, period)
        .filter(counterpart__kind=Organisation.Kind.NGO)
        .values_list("counterpart_id")
        .annotate(n=Count("pk"))
    )
    rows, listed = [], set()
    for certificate in certificates:
        if certificate.ngo_id in listed:
            continue  # its latest valid certificate stands for it
        listed.add(certificate.ngo_id)
        organisation = certificate.ngo.organisation
        rows.append(
            [
                organisation.name,
                str(organisation.country.name),
                f"{certificate.get_kind_display()} số {certificate.number}",
                f"{certificate.valid_until:%d/%m/%Y}",
                str(visits.get(organisation.pk, 0)),
            ]
        )
    return rows


ACTIVE_NGOS = ReportAppendix(
    key="active_ngos",
    title="tổ chức phi chính phủ nước ngoài hoạt động",
    header=("Tên tổ chức", "Quốc gia", "Giấy đăng ký", "Hiệu lực đến", "Số đoàn vào trong kỳ"),
    widths=(8.0, 4.0, 6.5, 3.5, 3.0),
    rows=active_ngo_rows,
    visible_to=reads_registry,
)

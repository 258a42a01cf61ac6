"""Two sample aid projects for ``seed_demo``: one under way whose first progress report is
overdue, one completed, funded by NGOs of the registry's demo (``ngos.demo``: found by their
organisation's name in any case, or taken into the registry through its services with the demo's
own data when missing, so that this seeder and the registry's run in either order), with the
demo's NGO visits linked."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ngos.demo import CARE, NGOS, PLAN
from ngos.models import AidProject, AidSector, Ngo
from ngos.services.projects import ProjectData, project_create, project_link_case
from ngos.services.registry import NgoData, ngo_create
from ttdn.accounts.models import Agency, User
from ttdn.cases.models import Case, Organisation

UNDER_WAY = "Nước sạch và vệ sinh cho các trường tiểu học vùng cao"
COMPLETED = "Sinh kế bền vững cho phụ nữ dân tộc thiểu số"


def _ngo(protocol: User, name: str) -> Ngo:
    """The registry demo's NGO ``name``; missing, taken in (its organisation, if known) as the
    registry's demo takes it in."""
    ngo = Ngo.objects.filter(organisation__name__iexact=name).select_related("organisation").first()
    if ngo is not None:
        return ngo
    _name, name_vi, country, acronym, headquarters, fields, website = next(
        row for row in NGOS if row[0] == name
    )
    data = NgoData(name=name, name_vi=name_vi, country=country, website=website, acronym=acronym,
                   headquarters=headquarters, fields_of_work=fields)  # fmt: skip
    known = Organisation.objects.filter(name__iexact=name, kind=Organisation.Kind.NGO).first()
    return ngo_create(actor=protocol, data=data, organisation=known)


def _communes(*codes: str) -> list[Agency]:
    return list(Agency.objects.filter(code__in=codes))


@transaction.atomic
def seed() -> list[str]:
    protocol = User.objects.get(username="protocol")
    today = timezone.localdate()
    created: list[str] = []
    if not AidProject.objects.filter(title=UNDER_WAY).exists():
        # Started eight months ago, reports every six: the first period's report is overdue.
        start = today - datetime.timedelta(days=240)
        project = project_create(
            actor=protocol,
            data=ProjectData(
                ngo=_ngo(protocol, PLAN),
                title=UNDER_WAY,
                sector=AidSector.objects.get(code="water"),
                start_date=start,
                end_date=start + datetime.timedelta(days=3 * 365),
                currency="USD",
                amount_in_currency=Decimal("250000.00"),
                exchange_rate=Decimal("25400.0000"),
                disbursed=2_540_000_000,
                decision_number="1234/QĐ-UBND",
                decision_date=start - datetime.timedelta(days=30),
                decided_by="Phó Chủ tịch UBND tỉnh",
                status=AidProject.Status.UNDER_WAY,
                communes=_communes("ubnd-na-hang"),
            ),
        )
        for case in Case.objects.filter(counterpart=project.ngo.organisation):
            project_link_case(actor=protocol, project=project, case=case)
        created.append(f"aid project: {project.title}")
    if not AidProject.objects.filter(title=COMPLETED).exists():
        start = today - datetime.timedelta(days=800)
        project = project_create(
            actor=protocol,
            data=ProjectData(
                ngo=_ngo(protocol, CARE),
                title=COMPLETED,
                sector=AidSector.objects.get(code="livelihood"),
                start_date=start,
                end_date=start + datetime.timedelta(days=730),
                committed=3_800_000_000,
                disbursed=3_650_000_000,
                decision_number="567/QĐ-UBND",
                decision_date=start - datetime.timedelta(days=45),
                decided_by="Chủ tịch UBND tỉnh",
                status=AidProject.Status.COMPLETED,
                communes=_communes("ubnd-na-hang", "ubnd-ham-yen"),
            ),
        )
        for case in Case.objects.filter(counterpart=project.ngo.organisation):
            project_link_case(actor=protocol, project=project, case=case)
        created.append(f"aid project: {project.title}")
    return created

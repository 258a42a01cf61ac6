"""Two sample aid projects for ``seed_demo``: one under way whose first progress report is
overdue, one completed, funded by NGOs of the demo (found or made by organisation name, so that
this seeder and the registry's run in either order), with the demo's NGO visits linked."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ngos.models import AidProject, AidSector, Ngo
from ngos.services.projects import ProjectData, project_create, project_link_case
from ttdn.accounts.models import Agency, User
from ttdn.cases.models import Case, Organisation
from ttdn.cases.services.organisations import organisation_find_or_create

UNDER_WAY = "Nước sạch và vệ sinh cho các trường tiểu học vùng cao"
COMPLETED = "Sinh kế bền vững cho phụ nữ dân tộc thiểu số"


def _ngo(name: str, country: str) -> Ngo:
    organisation = Organisation.objects.filter(name=name, kind=Organisation.Kind.NGO).first()
    if organisation is None:
        organisation = organisation_find_or_create(
            organisation=Organisation(name=name, kind=Organisation.Kind.NGO, country=country)
        )
    ngo, _created = Ngo.objects.get_or_create(organisation=organisation)
    return ngo


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
                ngo=_ngo("Plan International", "GB"),
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
                ngo=_ngo("CARE International", "US"),
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

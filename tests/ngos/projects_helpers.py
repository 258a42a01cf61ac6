"""What the aid projects' tests share: an NGO, a project made through its service, a world of
roles (protocol, a host agency whose visit serves the project, an agency that sees nothing)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Any

from ngos.models import AidProject, AidSector, Ngo
from ngos.services.projects import ProjectData, project_create, project_link_case
from tests.factories import make_agency, make_delegation, police_officer
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, Organisation

D = datetime.date


def make_ngo(name: str = "CARE International") -> Ngo:
    organisation = Organisation.objects.create(name=name, kind=Organisation.Kind.NGO, country="US")
    return Ngo.objects.create(organisation=organisation)


def project_data(ngo: Ngo, **fields: Any) -> ProjectData:
    base = ProjectData(
        ngo=ngo,
        title="Nước sạch cho trường học",
        sector=AidSector.objects.get(code="water"),
        start_date=D(2026, 1, 1),
        end_date=D(2026, 12, 31),
        committed=1_000_000_000,
        disbursed=0,
        status=AidProject.Status.APPROVED,
    )
    return replace(base, **fields)


def make_project(actor: User, ngo: Ngo, **fields: Any) -> AidProject:
    return project_create(actor=actor, data=project_data(ngo, **fields))


@dataclass
class World:
    protocol: User
    host: User  # staff of the agency hosting the visit that serves the project
    outsider: User  # staff of another agency
    leader: User
    police: User
    agency: Agency
    ngo: Ngo
    case: Case
    project: AidProject


def make_world(make_user: Any) -> World:
    protocol = make_user(Role.PROTOCOL)
    agency = make_agency()
    host = make_user(Role.AGENCY, agency=agency)
    outsider = make_user(Role.AGENCY, agency=make_agency())
    ngo = make_ngo()
    case = make_delegation(actor=protocol, lead_agency=agency, counterpart=ngo.organisation)
    project = make_project(protocol, ngo)
    project_link_case(actor=protocol, project=project, case=case)
    return World(
        protocol, host, outsider, make_user(Role.LEADER), police_officer(), agency, ngo, case, project
    )

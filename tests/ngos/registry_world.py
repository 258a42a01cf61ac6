"""A small registry for the registry's tests: an NGO whose visit the host agency co-hosts, and one
it has nothing to do with; the users of each role (imported as fixtures by the test modules)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from ngos.models import Ngo
from ngos.services.registry import NgoData, certificate_add, ngo_create
from tests.factories import ensure_police_agency, make_agency, make_delegation
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases.models import Organisation
from ttdn.cases.services.workflow import case_submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def certificate_values(
    number: str = "01/CNV-HĐ", *, issued_ago: int = 30, valid_for: int = 1000
) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "kind": "operation",
        "event": "issued",
        "number": number,
        "issued_by": "Bộ Ngoại giao",
        "issued_on": today - datetime.timedelta(days=issued_ago),
        "valid_until": today + datetime.timedelta(days=valid_for),
        "nationwide": False,
        "provinces": "Tuyên Quang",
        "fields_of_work": "",
    }


@dataclass
class World:
    users: dict[str, User]
    hosted: Ngo  # the counterpart of a visit the agency co-hosts
    other: Ngo  # nothing to do with the agency


@pytest.fixture(name="world")
def world_fixture(make_user: Callable[..., User], attachment_storage: Any) -> World:
    host = make_agency()
    users = {
        "protocol": make_user(Role.PROTOCOL),
        "police": make_user(Role.POLICE, agency=ensure_police_agency()),
        "agency": make_user(Role.AGENCY, agency=host),
        "leader": make_user(Role.LEADER),
        "admin": make_user(Role.ADMIN),
    }
    protocol = users["protocol"]
    hosted = ngo_create(
        actor=protocol,
        data=NgoData(name="Hội Chữ thập Đỏ Đức", name_vi="Hội Chữ thập Đỏ Đức", country="DE", acronym="DRK"),
    )
    certificate_add(actor=protocol, ngo=hosted, values=certificate_values("12/CNV-HĐ"))
    other = ngo_create(actor=protocol, data=NgoData(name="Oxfam Novib", country="NL", acronym="ON"))
    visit = make_delegation(
        actor=protocol,
        co_hosts=[host],
        counterpart=hosted.organisation,
        title="Đoàn DRK",
        delegation_kind="ngo",
    )
    case_submit(actor=protocol, case=visit)
    return World(users=users, hosted=hosted, other=other)


def ngo_organisation(name: str, country: str = "US") -> Organisation:
    return Organisation.objects.create(name=name, kind=Organisation.Kind.NGO, country=country)

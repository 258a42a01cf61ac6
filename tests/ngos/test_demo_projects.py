"""The aid projects' demo funds its projects from the registry demo's NGOs: found by name in any
case when the registry's demo ran, else taken into the registry as it would take them in (the
same countries, a search text), so that the two seeders run in either order."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ngos import demo, demo_projects
from ngos.models import AidProject, Ngo
from ngos.selectors_registry import ngos_listed
from ngos.services.registry import NgoData, ngo_create
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_run_alone_it_takes_the_registry_demo_s_ngos_in_as_the_registry_would(
    make_user: Callable[..., User],
) -> None:
    protocol = make_user(Role.PROTOCOL, username="protocol")
    demo_projects.seed()
    countries = {row[0]: row[2] for row in demo.NGOS}
    funders = Ngo.objects.filter(projects__isnull=False).distinct().select_related("organisation")
    assert {ngo.organisation.name: ngo.organisation.country.code for ngo in funders} == {
        demo.PLAN: countries[demo.PLAN],
        demo.CARE: countries[demo.CARE],
    }
    assert list(ngos_listed(user=protocol, search="care quoc te")) == [
        Ngo.objects.get(organisation__name=demo.CARE)
    ]


def test_it_finds_the_registry_s_ngo_by_name_in_any_case(make_user: Callable[..., User]) -> None:
    protocol = make_user(Role.PROTOCOL, username="protocol")
    care = ngo_create(actor=protocol, data=NgoData(name="CARE INTERNATIONAL", country="CH"))
    demo_projects.seed()
    assert Ngo.objects.filter(organisation__name__iexact=demo.CARE).get() == care
    assert AidProject.objects.get(title=demo_projects.COMPLETED).ngo == care

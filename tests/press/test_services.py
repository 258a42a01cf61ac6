"""The press visits' services: their co-hosts by default."""

from __future__ import annotations

import pytest

from press.services import default_co_hosts
from tests.factories import make_agency, make_press_visit
from ttdn.accounts.models import Agency
from ttdn.accounts.roles import Role
from ttdn.cases.models import Review
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db


def test_the_review_and_the_press_co_hosts_name_the_same_police_when_it_has_units(make_user) -> None:
    police = make_agency(code="ca-tinh", name_vi="Công an tỉnh", kind=Agency.Kind.POLICE)
    # A unit of the police, first by name: picking "a police agency" would pick it.
    unit = make_agency(
        code="pa03", name_vi="An ninh đối ngoại (PA03)", kind=Agency.Kind.POLICE, parent=police
    )
    make_agency(code="so-vhttdl", name_vi="Sở Văn hóa, Thể thao và Du lịch")
    protocol = make_user(Role.PROTOCOL)

    co_hosts = default_co_hosts()
    assert police in co_hosts and unit not in co_hosts

    case = case_submit(actor=protocol, case=make_press_visit(actor=protocol, co_hosts=co_hosts))
    review = Review.objects.get(case=case)
    assert review.police_agency == police
    assert set(case.co_host_agencies.filter(kind=Agency.Kind.POLICE)) == {review.police_agency}

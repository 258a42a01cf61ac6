from __future__ import annotations

from typing import Any

import pytest

from tests.factories import make_agency, make_delegation, police_officer
from tests.gifts.helpers import give, receive
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case
from ttdn.cases.services.workflow import case_submit


@pytest.fixture
def host(make_user: Any) -> Any:
    agency = make_agency()
    return agency, make_user(Role.AGENCY, agency=agency)


@pytest.fixture
def case(protocol: Any, host: Any) -> Case:
    """A submitted delegation hosted by ``host``'s agency, with one gift given and one received."""
    case = make_delegation(actor=protocol, lead_agency=host[0], participants=2)
    case = case_submit(actor=protocol, case=case)
    give(case, protocol, participant=case.participants.first(), recipient_text="")
    receive(case, protocol)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def outsider(make_user: Any) -> Any:
    """Staff of another agency: may not see the case."""
    return make_user(Role.AGENCY, agency=make_agency())


@pytest.fixture
def police(case: Case) -> Any:
    """The police officer the case was referred to: sees the case, not its finances."""
    return police_officer()

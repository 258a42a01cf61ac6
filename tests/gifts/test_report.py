from __future__ import annotations

import datetime

import pytest

from tests.gifts.helpers import give, receive
from ttdn.accounts.roles import Role
from ttdn.gifts.services import gift_received_hand_in
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures

pytestmark = pytest.mark.django_db
YEAR = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_the_section_counts_the_periods_gifts(case, protocol) -> None:
    give(case, protocol, value=1_000_000)
    handed = receive(case, protocol, estimated_value=700_000)
    gift_received_hand_in(actor=protocol, gift=handed, declared_on=None, handed_in_on=handed.received_on,
                          handed_to="Finance unit", decision="kept", notes="")  # fmt: skip
    receive(case, protocol, estimated_value=100_000)
    receive(case, protocol, received_on=datetime.date(2025, 6, 2))  # another year
    rows = dict(report_figures(protocol, YEAR)["sections"]["gifts"])
    assert rows["given"][1:] == [2, 3_000_000]
    assert rows["received"][1:] == [3, 3_800_000]
    assert rows["over_threshold"][1:] == [2, 3_700_000]
    assert rows["handed_in"][1:] == [1, 700_000]
    assert rows["overdue"][1:] == [1, 3_000_000]


def test_the_section_is_for_protocol_leaders_and_admins_only(case, protocol, police, host, make_user) -> None:
    for user in (protocol, make_user(Role.LEADER), make_user(Role.ADMIN)):
        assert "gifts" in report_figures(user, YEAR)["sections"]
    for user in (police, host[1]):
        assert "gifts" not in report_figures(user, YEAR)["sections"]

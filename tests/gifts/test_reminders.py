from __future__ import annotations

import datetime

import pytest

from tests.factories import make_delegation
from tests.gifts.helpers import receive
from ttdn.cases.models import Case
from ttdn.gifts.services import gift_received_hand_in
from ttdn.notifications.messages import render
from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep

pytestmark = pytest.mark.django_db
D = datetime.date
GIFT_KINDS = ("gift_hand_in_due", "gift_hand_in_overdue")


def _sent(kind: str) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", "key"))


def test_a_gift_over_the_threshold_reminds_on_time_and_once(protocol, make_user) -> None:
    case = make_delegation(actor=protocol)
    gift = receive(case, protocol)  # received Monday 2 March, due Monday 9 March
    assert gift.hand_in_due == D(2026, 3, 9)

    reminders_sweep(today=D(2026, 3, 4))  # due in 3 working days: not yet (the rule says 2)
    assert _sent("gift_hand_in_due") == []

    reminders_sweep(today=D(2026, 3, 5))
    reminders_sweep(today=D(2026, 3, 5))
    reminders_sweep(today=D(2026, 3, 6))
    assert _sent("gift_hand_in_due") == [(protocol.username, f"gift-hand-in-due-2:{gift.pk}:2026-03-09")]
    notification = Notification.objects.get(kind="gift_hand_in_due")
    assert render(notification) == (
        f"A gift received on {case.reference} (Porcelain vase) must be declared and handed in by 09/03/2026."
    )
    assert _sent("gift_hand_in_overdue") == []

    reminders_sweep(today=D(2026, 3, 10))
    reminders_sweep(today=D(2026, 3, 11))
    assert _sent("gift_hand_in_overdue") == [
        (protocol.username, f"gift-hand-in-overdue:{gift.pk}:2026-03-09")
    ]


def test_a_gift_handed_in_is_reminded_of_no_more(protocol) -> None:
    gift = receive(make_delegation(actor=protocol), protocol)
    gift_received_hand_in(
        actor=protocol, gift=gift, declared_on=D(2026, 3, 3), handed_in_on=D(2026, 3, 3),
        handed_to="Finance and planning unit", decision="kept", notes="",
    )  # fmt: skip
    for day in (5, 9, 10, 20):
        reminders_sweep(today=D(2026, 3, day))
    assert Notification.objects.filter(kind__in=GIFT_KINDS).count() == 0


def test_a_gift_under_the_threshold_is_never_reminded(protocol) -> None:
    receive(make_delegation(actor=protocol), protocol, estimated_value=500_000)
    for day in (5, 9, 10, 20):
        reminders_sweep(today=D(2026, 3, day))
    assert Notification.objects.filter(kind__in=GIFT_KINDS).count() == 0


def test_the_recipient_and_the_responsible_officer_are_reminded(protocol, make_user) -> None:
    from ttdn.accounts.roles import Role

    colleague = make_user(Role.PROTOCOL, agency=protocol.agency)
    case = make_delegation(actor=protocol, responsible_officer=protocol)
    receive(case, protocol, recipient_user=colleague)
    reminders_sweep(today=D(2026, 3, 10))
    assert {name for name, _key in _sent("gift_hand_in_overdue")} == {protocol.username, colleague.username}


def test_a_gift_with_no_user_to_remind_still_reminds_protocol_staff_once(protocol, make_user) -> None:
    from ttdn.accounts.roles import Role

    colleague = make_user(Role.PROTOCOL, agency=protocol.agency)
    case = make_delegation(actor=protocol)
    Case.objects.filter(pk=case.pk).update(responsible_officer=None)  # an optional field, left empty
    gift = receive(case, protocol, recipient_user=None, recipient_name="Vice-chairman of the province")
    for day in (5, 5, 6, 10, 11):
        reminders_sweep(today=D(2026, 3, day))
    assert _sent("gift_hand_in_due") == sorted(
        (user.username, f"gift-hand-in-due-2:{gift.pk}:2026-03-09") for user in (protocol, colleague)
    )
    assert _sent("gift_hand_in_overdue") == sorted(
        (user.username, f"gift-hand-in-overdue:{gift.pk}:2026-03-09") for user in (protocol, colleague)
    )

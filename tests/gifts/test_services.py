from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_delegation
from tests.gifts.helpers import MONDAY, give, receive
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import CalendarDay, CaseEvent, Timer
from ttdn.gifts.models import GiftGiven, GiftSettings
from ttdn.gifts.selectors import received_status
from ttdn.gifts.services import gift_received_hand_in

pytestmark = pytest.mark.django_db


def test_a_gift_above_the_threshold_is_due_in_five_working_days(protocol) -> None:
    case = make_delegation(actor=protocol)
    gift = receive(case, protocol, estimated_value=500_001)
    assert gift.hand_in_due == datetime.date(2026, 3, 9)  # Monday + 5 working days
    assert gift.history.count() == 1
    assert CaseEvent.objects.filter(case=case, code="gift.received_recorded").exists()


def test_the_deadline_follows_the_admins_timer_and_calendar(protocol) -> None:
    Timer.objects.filter(code="gift_hand_in").update(working_days=2)
    CalendarDay.objects.create(date=MONDAY + datetime.timedelta(days=1), kind=CalendarDay.Kind.DAY_OFF)
    gift = receive(make_delegation(actor=protocol), protocol)
    assert gift.hand_in_due == datetime.date(2026, 3, 5)  # Tuesday off: Wednesday and Thursday


def test_a_gift_at_or_under_the_threshold_has_no_deadline(protocol) -> None:
    GiftSettings.objects.update(threshold=1_000_000)
    gift = receive(make_delegation(actor=protocol), protocol, estimated_value=1_000_000)
    assert gift.hand_in_due is None


def test_who_gave_and_who_received_are_required(protocol) -> None:
    case = make_delegation(actor=protocol)
    with pytest.raises(ValidationError) as error:
        receive(case, protocol, from_text="", recipient_user=None)
    assert set(error.value.message_dict) == {"from_text", "recipient_name"}
    with pytest.raises(ValidationError) as error:
        give(case, protocol, recipient_text="", budget_line_text="")
    assert set(error.value.message_dict) == {"recipient_text", "budget_line_text"}


def test_a_participant_of_another_case_is_refused(protocol) -> None:
    other = make_delegation(actor=protocol)
    with pytest.raises(ValidationError) as error:
        give(make_delegation(actor=protocol), protocol, participant=other.participants.get())
    assert "participant" in error.value.message_dict


def test_hand_in_needs_a_unit_and_a_date_after_receipt(protocol) -> None:
    gift = receive(make_delegation(actor=protocol), protocol)
    with pytest.raises(ValidationError) as error:
        gift_received_hand_in(
            actor=protocol, gift=gift, declared_on=MONDAY - datetime.timedelta(days=1),
            handed_in_on=MONDAY, handed_to="", decision="", notes="",
        )  # fmt: skip
    assert set(error.value.message_dict) == {"declared_on", "handed_to"}
    gift.refresh_from_db()
    assert gift.handed_in_on is None


def test_only_protocol_keeps_the_register(protocol, make_user) -> None:
    case = make_delegation(actor=protocol)
    with pytest.raises(CaseError):
        give(case, make_user(Role.LEADER))
    assert not GiftGiven.objects.filter(case=case).exists()


def _cancelled(case, actor):
    from ttdn.cases.services.workflow import case_transition

    return case_transition(actor=actor, case=case, name="cancel", reason="Đối tác hoãn chuyến đi")


def test_a_gift_is_handed_in_after_its_case_is_finished_but_not_changed(protocol, make_user) -> None:
    case = make_delegation(actor=protocol)
    gift = receive(case, protocol)
    case = _cancelled(case, protocol)
    assert case.is_finished
    gift.refresh_from_db()
    gift_received_hand_in(
        actor=protocol, gift=gift, declared_on=MONDAY, handed_in_on=MONDAY,
        handed_to="Finance and planning unit", decision="kept", notes="",
    )  # fmt: skip
    gift.refresh_from_db()
    assert gift.handed_in_on == MONDAY
    assert CaseEvent.objects.filter(case=case, code="gift.handed_in").exists()
    with pytest.raises(CaseError):  # recording or changing gifts stays closed with the case
        give(case, protocol)
    with pytest.raises(CaseError):  # and the hand-in is protocol staff's
        gift_received_hand_in(
            actor=make_user(Role.LEADER), gift=gift, declared_on=MONDAY, handed_in_on=MONDAY,
            handed_to="x", decision="kept", notes="",
        )  # fmt: skip


def test_above_the_threshold_is_kept_on_the_gift_not_read_from_its_timer(protocol) -> None:
    """Decided from the value and the settings when saved: without the hand-in timer the gift is
    still to declare (with no date), and a later change of the threshold does not move it."""
    Timer.objects.filter(code="gift_hand_in").delete()
    gift = receive(make_delegation(actor=protocol), protocol, estimated_value=3_000_000)
    assert gift.above_threshold and gift.hand_in_due is None
    GiftSettings.objects.update(threshold=10_000_000)
    gift.refresh_from_db()
    status = received_status(gift, MONDAY)
    assert (status.code, status.label) == ("to_declare", "To declare and hand in")
    small = receive(make_delegation(actor=protocol), protocol, estimated_value=3_000_000)
    assert not small.above_threshold
    assert received_status(small, MONDAY).code == "under_threshold"


def test_the_settings_are_read_without_being_written(protocol) -> None:
    GiftSettings.objects.all().delete()
    settings = GiftSettings.current()
    assert settings.pk is None and settings.threshold == 500_000
    assert not GiftSettings.objects.exists()
    assert receive(make_delegation(actor=protocol), protocol, estimated_value=500_001).above_threshold
    assert not GiftSettings.objects.exists()

"""The event log: codes registered once, texts kept whole up to the limit and refused past it."""

from __future__ import annotations

import pytest

from tests.factories import make_delegation
from ttdn.cases.errors import CaseError
from ttdn.cases.events import EVENT_LABELS, event_label, log_event, register_event, text_checked
from ttdn.cases.models.event import TEXT_MAX_LENGTH

pytestmark = pytest.mark.django_db


def test_a_code_is_registered_once_with_its_label(monkeypatch) -> None:
    monkeypatch.setattr("ttdn.cases.events.EVENT_LABELS", dict(EVENT_LABELS))
    register_event("test.done", "done")
    register_event("test.done", "done")  # the same again: harmless

    with pytest.raises(ValueError, match="already registered"):
        register_event("test.done", "something else")
    assert event_label("test.done") == "done"
    assert event_label("gone.app") == "gone.app"  # an app since removed: its code, not an error


def test_every_transition_and_every_kind_has_its_events_registered() -> None:
    from ttdn.cases.services.workflow import TRANSITIONS

    assert {t.event for t in TRANSITIONS.values()} <= EVENT_LABELS.keys()
    assert {
        "press.coverage",
        "delegation.agreement_linked",
        "case.created",
        "review.waived",
    } <= EVENT_LABELS.keys()


def test_an_unregistered_code_or_an_over_long_text_is_not_logged(protocol) -> None:
    case = make_delegation(actor=protocol)

    with pytest.raises(ValueError, match="unregistered"):
        log_event(case=case, code="case.typo", actor=protocol)
    with pytest.raises(ValueError, match="over"):
        log_event(case=case, code="case.created", actor=protocol, text="x" * (TEXT_MAX_LENGTH + 1))
    assert list(case.events.values_list("code", flat=True)) == ["case.created"]


def test_a_text_is_kept_whole_up_to_the_limit_and_refused_past_it() -> None:
    whole = "Lý do " * 333  # 1,998 characters

    assert text_checked(f"  {whole}  ") == whole.strip()
    with pytest.raises(CaseError, match=str(TEXT_MAX_LENGTH)):
        text_checked("x" * (TEXT_MAX_LENGTH + 1))

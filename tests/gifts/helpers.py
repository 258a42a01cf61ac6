"""Gifts made through their services, for the tests of the gifts register."""

from __future__ import annotations

import datetime
from typing import Any

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.gifts.models import GiftGiven, GiftReceived
from ttdn.gifts.services import gift_given_save, gift_received_save

MONDAY = datetime.date(2026, 3, 2)  # no holiday in the fortnight after it


def give(case: Case, actor: User, **fields: Any) -> GiftGiven:
    values: dict[str, Any] = {
        "recipient_text": "H.E. the Ambassador",
        "description": "Lacquer painting",
        "value": 2_000_000,
        "budget_line_text": "Provincial external affairs budget",
        "approved_by": "Chief of Office",
        "given_on": MONDAY,
        **fields,
    }
    return gift_given_save(actor=actor, case=case, gift=GiftGiven(**values))


def receive(case: Case, actor: User, **fields: Any) -> GiftReceived:
    values: dict[str, Any] = {
        "from_text": "The delegation",
        "recipient_user": actor,
        "description": "Porcelain vase",
        "estimated_value": 3_000_000,
        "received_on": MONDAY,
        **fields,
    }
    return gift_received_save(actor=actor, case=case, gift=GiftReceived(**values))

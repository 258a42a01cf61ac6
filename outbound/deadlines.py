"""The passports' return after the trip: due a set number of working days after its end (the
``outbound_passport_return`` timer, which the admins edit)."""

from __future__ import annotations

import datetime

from ttdn.cases.deadlines import timer_due

PASSPORT_RETURN_TIMER = "outbound_passport_return"
REPORT_TIMER = "outbound_report"


def passport_return_due(*, start: datetime.date, end: datetime.date) -> datetime.date | None:
    """When the passports of a trip with these dates are due back with the agency's keeper
    (None: the timer is not set up)."""
    return timer_due(code=PASSPORT_RETURN_TIMER, start=start, end=end)

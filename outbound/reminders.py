"""Passports not yet handed back to the agency's keeper: due in a few days, due today, overdue
(the admins' reminder rules, outbound 0002, say when and to whom). The due date follows the
timer, so a change of the timer or of the trip's dates is a new occasion."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy

from outbound.deadlines import PASSPORT_RETURN_TIMER
from outbound.models import KIND, TripPassport
from ttdn.cases.deadlines import calendar_held, timer_shift
from ttdn.cases.models import Case, Timer
from ttdn.cases.reminders import CASE_AUDIENCES, case_people, says
from ttdn.notifications.models import ReminderRule
from ttdn.notifications.rules import Directory, Occasion, Trigger, due_window, overdue_before

CASE = "member__trip__case__"


def _outstanding() -> list[tuple[dict[str, Any], datetime.date]]:
    """Each passport handed out and not back, of a trip not withdrawn, with its due date: one
    query for the passports, one read of the calendar for all their due dates."""
    timer = Timer.objects.filter(code=PASSPORT_RETURN_TIMER).first()
    if timer is None:
        return []
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in TripPassport.objects.filter(
            handed_out_on__isnull=False, handed_back_on__isnull=True, **{f"{CASE}kind": KIND}
        )
        .exclude(**{f"{CASE}status__in": Case.WITHDRAWN})
        .values(
            "pk",
            name=F("member__official__full_name"),
            case_pk=F(f"{CASE}pk"),
            end_date=F(f"{CASE}end_date"),
            responsible_officer_id=F(f"{CASE}responsible_officer_id"),
            lead_agency_id=F(f"{CASE}lead_agency_id"),
        )
    ]
    if not rows:
        return []
    ends = [row["end_date"] for row in rows]
    margin = datetime.timedelta(days=timer.working_days * 3 + 30)
    with calendar_held(min(ends) - margin, max(ends) + margin):
        return [(row, timer_shift(timer, row["end_date"])) for row in rows]


def _occasions(directory: Directory, keep: Callable[[datetime.date], bool]) -> list[Occasion]:
    chosen = [(row, due) for row, due in directory.once("outbound:passports", _outstanding) if keep(due)]
    people = case_people([{**row, "pk": row["case_pk"]} for row, _due in chosen], directory)
    return [
        Occasion(
            key=f"{row['pk']}:{due:%Y-%m-%d}",
            case_id=row["case_pk"],
            params={"date": due.isoformat(), "title": row["name"], "passport": row["pk"]},
            people=people[row["case_pk"]],
        )
        for row, due in chosen
    ]


def _find_due(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    first, last = due_window(rule, today)
    return _occasions(directory, lambda due: first <= due <= last)


def _find_overdue(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    before = overdue_before(rule, today)
    return _occasions(directory, lambda due: due < before)


PASSPORT_RETURN_DUE = Trigger(
    "outbound_passport_return_due",
    gettext_lazy("A passport used for a trip abroad is due back with the agency's keeper"),
    _find_due,
    says(gettext_lazy("%(reference)s: the passport of %(title)s is due back with the keeper on %(date)s.")),
    CASE_AUDIENCES,
)
PASSPORT_RETURN_OVERDUE = Trigger(
    "outbound_passport_return_overdue",
    gettext_lazy("A passport used for a trip abroad has not been handed back"),
    _find_overdue,
    says(
        gettext_lazy(
            "%(reference)s: the passport of %(title)s was due back with the keeper on %(date)s "
            "and has not been handed back."
        )
    ),
    CASE_AUDIENCES,
    overdue=True,
)
TRIGGERS = (PASSPORT_RETURN_DUE, PASSPORT_RETURN_OVERDUE)

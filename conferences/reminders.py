"""Reminders of conferences (the admins' rules, conferences 0002, say when and to whom): the dossier
due before the start and not yet submitted, or overdue; a consulted agency's opinion due or overdue.
The report after the event is the core's post-visit report, due by the kind's timer."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy

from conferences.models import Conference, ConsultedAgency
from ttdn.cases.models import Case
from ttdn.cases.reminders import CASE_AUDIENCES, case_people, says
from ttdn.notifications.models import ReminderRule
from ttdn.notifications.rules import (
    Audience,
    Directory,
    Finder,
    Occasion,
    Trigger,
    due_window,
    overdue_before,
)

DateRange = Callable[[ReminderRule, datetime.date], dict[str, object]]


def _within(field: str) -> DateRange:
    def lookup(rule: ReminderRule, today: datetime.date) -> dict[str, object]:
        return {f"{field}__range": due_window(rule, today)}

    return lookup


def _before(field: str) -> DateRange:
    def lookup(rule: ReminderRule, today: datetime.date) -> dict[str, object]:
        return {f"{field}__lt": overdue_before(rule, today)}

    return lookup


def _dossier_occasions(conferences: QuerySet[Conference], directory: Directory) -> list[Occasion]:
    rows = list(
        conferences.values(
            "pk",  # the case's: the record's key is its case
            "dossier_due_on",
            responsible_officer_id=F("case__responsible_officer_id"),
            lead_agency_id=F("case__lead_agency_id"),
        )
    )
    people = case_people(rows, directory)
    return [
        Occasion(
            key=f"{row['pk']}:{row['dossier_due_on']:%Y-%m-%d}",
            case_id=row["pk"],
            params={"date": f"{row['dossier_due_on']:%Y-%m-%d}"},
            people=people[row["pk"]],
        )
        for row in rows
    ]


def _dossiers(dates: DateRange) -> Finder:
    """Conferences still to come whose dossier has not been submitted, due in the rule's dates."""

    def find(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
        waiting = Conference.objects.filter(
            dossier_submitted_on__isnull=True, case__status__in=Case.PLANNED, case__start_date__gte=today
        )
        return _dossier_occasions(waiting.filter(**dates(rule, today)), directory)

    return find


def _opinions(dates: DateRange) -> Finder:
    """Opinions not given yet on conferences still under way, due in the rule's dates: to the staff
    of the agency asked, and to the case's responsible officer."""

    def find(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
        rows = ConsultedAgency.objects.filter(
            answered_on__isnull=True, case__status__in=Case.UNDER_WAY, **dates(rule, today)
        ).values("pk", "case_id", "agency_id", "due_on", "agency__name_vi", "case__responsible_officer_id")
        return [
            Occasion(
                key=f"{row['pk']}:{row['due_on']:%Y-%m-%d}",
                case_id=row["case_id"],
                params={"date": row["due_on"].isoformat(), "title": row["agency__name_vi"]},
                people={
                    Audience.ASSIGNEE: directory.staff_of(row["agency_id"]),
                    Audience.RESPONSIBLE_OFFICER: frozenset(
                        {row["case__responsible_officer_id"]} if row["case__responsible_officer_id"] else ()
                    ),
                },
            )
            for row in rows
        ]

    return find


OPINION_AUDIENCES = frozenset({Audience.ASSIGNEE, Audience.RESPONSIBLE_OFFICER})

TRIGGERS = (
    Trigger(
        "conference_dossier_due",
        gettext_lazy("The dossier of a conference is due"),
        _dossiers(_within("dossier_due_on")),
        says(gettext_lazy("The dossier of %(reference)s is due on %(date)s: %(title)s.")),
        CASE_AUDIENCES,
    ),
    Trigger(
        "conference_dossier_overdue",
        gettext_lazy("The dossier of a conference is overdue"),
        _dossiers(_before("dossier_due_on")),
        says(
            gettext_lazy("The dossier of %(reference)s was due on %(date)s and is not submitted: %(title)s.")
        ),
        CASE_AUDIENCES,
        overdue=True,
    ),
    Trigger(
        "conference_opinion_due",
        gettext_lazy("A consulted agency's opinion on a conference is due"),
        _opinions(_within("due_on")),
        says(gettext_lazy("%(reference)s: the opinion of %(title)s is due on %(date)s.")),
        OPINION_AUDIENCES,
    ),
    Trigger(
        "conference_opinion_overdue",
        gettext_lazy("A consulted agency's opinion on a conference is overdue"),
        _opinions(_before("due_on")),
        says(gettext_lazy("%(reference)s: the opinion of %(title)s was due on %(date)s and has not come.")),
        OPINION_AUDIENCES,
        overdue=True,
    ),
)

"""What the reminder rules watch on cases: each trigger is one or two set-based queries.

Registered in ``CasesConfig.ready``; press cards and agreements add theirs from their apps.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from django.db.models import F, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, FollowUp, Participant, Review
from ttdn.notifications.models import Notification, ReminderRule
from ttdn.notifications.rules import (
    Audience,
    Directory,
    Finder,
    Occasion,
    Trigger,
    due_window,
    overdue_before,
    register,
    shift,
)
from ttdn.reports.quarterly import find_quarter, render_quarter

S = Case.Status
A = Audience


def _date(notification: Notification, name: str = "date") -> str:
    value = notification.params.get(name)
    return datetime.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _reference(notification: Notification) -> str:
    return notification.case.reference if notification.case else ""


def says(message: Promise) -> Callable[[Notification], str]:
    """A renderer of ``message`` (translated when shown), given the notification's case reference,
    its date and title (the follow-up's, or the case's)."""

    def render(notification: Notification) -> str:
        title = notification.params.get("title") or (notification.case.title if notification.case else "")
        return str(message) % {
            "reference": _reference(notification),
            "date": _date(notification),
            "title": title,
        }

    return render


def case_people(
    cases: Iterable[Mapping[str, Any]], directory: Directory
) -> dict[int, dict[str, frozenset[int]]]:
    """Responsible officer and host agencies' staff of each case (co-hosts in one query)."""
    rows = list(cases)
    co_hosts: dict[int, set[int]] = defaultdict(set)
    for case_id, agency_id in Case.co_host_agencies.through.objects.filter(
        case_id__in=[row["pk"] for row in rows]
    ).values_list("case_id", "agency_id"):
        co_hosts[case_id].add(agency_id)
    people: dict[int, dict[str, frozenset[int]]] = {}
    for row in rows:
        officer = row["responsible_officer_id"]
        people[row["pk"]] = {
            A.RESPONSIBLE_OFFICER: frozenset({officer} if officer else ()),
            A.HOST_AGENCIES: directory.staff_of(row["lead_agency_id"], *co_hosts[row["pk"]]),
        }
    return people


def _cases_starting(statuses: Collection[str]) -> Finder:
    def find(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
        first, last = due_window(rule, today)
        cases = list(
            Case.objects.filter(status__in=statuses, start_date__range=(first, last)).values(
                "pk", "start_date", "responsible_officer_id", "lead_agency_id"
            )
        )
        people = case_people(cases, directory)
        return [
            Occasion(
                key=f"{row['pk']}:{row['start_date']:%Y-%m-%d}",
                case_id=row["pk"],
                params={"date": row["start_date"].isoformat()},
                people=people[row["pk"]],
            )
            for row in cases
        ]

    return find


_render_arrival = says(gettext_lazy("%(reference)s starts on %(date)s: %(title)s."))


_render_not_approved = says(gettext_lazy("%(reference)s starts on %(date)s and is not approved yet."))


# Reviews ------------------------------------------------------------------------------------


def _review_occasions(reviews: QuerySet[Review], directory: Directory) -> list[Occasion]:
    occasions = []
    for row in reviews.values("pk", "case_id", "number", "due_date", "assigned_to_id", "police_agency_id"):
        officer = row["assigned_to_id"]
        occasions.append(
            Occasion(
                key=f"{row['pk']}:{row['due_date']:%Y-%m-%d}",
                case_id=row["case_id"],
                params={"date": row["due_date"].isoformat(), "number": row["number"]},
                people={
                    A.REVIEWER: frozenset({officer})
                    if officer
                    else directory.staff_with_role(row["police_agency_id"], Role.POLICE),
                    A.POLICE_LEADS: directory.leads_of(row["police_agency_id"]),
                },
            )
        )
    return occasions


def _find_review_due(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    first, last = due_window(rule, today)
    return _review_occasions(
        Review.objects.filter(status=Review.Status.PENDING, due_date__range=(first, last)), directory
    )


def _find_review_overdue(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    return _review_occasions(
        Review.objects.filter(status=Review.Status.PENDING, due_date__lt=overdue_before(rule, today)),
        directory,
    )


_render_review_due = says(gettext_lazy("The confidentiality review of %(reference)s is due on %(date)s."))


_render_review_overdue = says(
    gettext_lazy("The confidentiality review of %(reference)s is overdue: it was due on %(date)s.")
)


# Follow-ups and post-visit reports -------------------------------------------------------------


def _followup_occasions(followups: QuerySet[FollowUp], directory: Directory) -> list[Occasion]:
    rows = list(
        followups.values(
            "pk", "case_id", "title", "due_date", "assignee_user_id", "assignee_agency_id",
            "case__responsible_officer_id",
        )
    )  # fmt: skip
    return [
        Occasion(
            key=f"{row['pk']}:{row['due_date']:%Y-%m-%d}",
            case_id=row["case_id"],
            params={"date": row["due_date"].isoformat(), "title": row["title"], "followup": row["pk"]},
            people={
                A.ASSIGNEE: frozenset({row["assignee_user_id"]})
                if row["assignee_user_id"]
                else directory.staff_of(row["assignee_agency_id"]),
                A.RESPONSIBLE_OFFICER: frozenset(
                    {row["case__responsible_officer_id"]} if row["case__responsible_officer_id"] else ()
                ),
            },
        )
        for row in rows
    ]


def _followups_due(kind: str) -> Finder:
    def find(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
        first, last = due_window(rule, today)
        open_ = FollowUp.objects.filter(kind=kind, status=FollowUp.Status.OPEN)
        return _followup_occasions(open_.filter(due_date__range=(first, last)), directory)

    return find


def _followups_overdue(kind: str) -> Finder:
    def find(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
        open_ = FollowUp.objects.filter(kind=kind, status=FollowUp.Status.OPEN)
        return _followup_occasions(open_.filter(due_date__lt=overdue_before(rule, today)), directory)

    return find


_render_followup_due = says(gettext_lazy("Follow-up of %(reference)s due on %(date)s: %(title)s."))


_render_followup_overdue = says(gettext_lazy("Follow-up of %(reference)s overdue since %(date)s: %(title)s."))


_render_report_due = says(gettext_lazy("The post-visit report of %(reference)s is due on %(date)s."))


_render_report_overdue = says(
    gettext_lazy("The post-visit report of %(reference)s is overdue: it was due on %(date)s.")
)


# Identity documents ending before the visit does ---------------------------------------------------


def document_expiry_occasions(
    *,
    rule: ReminderRule,
    today: datetime.date,
    directory: Directory,
    participants: QuerySet[Participant],
    valid_until: str,
    document: str,
) -> list[Occasion]:
    """Participants of visits starting within the rule's days (or under way) whose document
    (``valid_until``: the path of its end date from the participant) ends before the visit."""
    horizon = shift(rule, today, rule.offset)
    rows = list(
        participants.filter(
            case__status__in=Case.UNDER_WAY,
            case__end_date__gte=today,
            case__start_date__lte=horizon,
            **{f"{valid_until}__lt": F("case__end_date")},
        ).values("case_id", "person_id", "person__full_name", valid_until)
    )
    cases = Case.objects.filter(pk__in={row["case_id"] for row in rows}).values(
        "pk", "responsible_officer_id", "lead_agency_id"
    )
    people = case_people(cases, directory)
    return [
        Occasion(
            key=f"{row['case_id']}:{row['person_id']}:{document}:{row[valid_until]:%Y-%m-%d}",
            case_id=row["case_id"],
            params={
                "date": row[valid_until].isoformat(),
                "name": row["person__full_name"],
                "document": document,
            },
            people=people[row["case_id"]],
        )
        for row in rows
    ]


def _find_passports(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
    return document_expiry_occasions(
        rule=rule,
        today=today,
        directory=directory,
        participants=Participant.objects.all(),
        valid_until="person__passport_expiry",
        document="passport",
    )


def document_expiry_render(document: Promise) -> Callable[[Notification], str]:
    """The message of a document ending before the visit; ``document`` names it ("passport")."""

    def render(notification: Notification) -> str:
        return _("The %(document)s of %(name)s (%(reference)s) ends on %(date)s, before the visit does.") % {
            "document": document,
            "name": notification.params.get("name", ""),
            "reference": _reference(notification),
            "date": _date(notification),
        }

    return render


CASE_AUDIENCES = frozenset({A.RESPONSIBLE_OFFICER, A.HOST_AGENCIES})
FOLLOWUP_AUDIENCES = frozenset({A.ASSIGNEE, A.RESPONSIBLE_OFFICER})
REVIEW_AUDIENCES = frozenset({A.REVIEWER, A.POLICE_LEADS})


def register_case_triggers() -> None:
    for trigger in [
        Trigger(
            "arrival",
            gettext_lazy("The visit starts"),
            _cases_starting(Case.PLANNED),
            _render_arrival,
            CASE_AUDIENCES,
        ),
        Trigger(
            "not_approved",
            gettext_lazy("The visit starts and is not approved"),
            _cases_starting(Case.NOT_YET_APPROVED),
            _render_not_approved,
            CASE_AUDIENCES,
        ),
        Trigger(
            "review_due",
            gettext_lazy("Police review due"),
            _find_review_due,
            _render_review_due,
            REVIEW_AUDIENCES,
        ),
        Trigger(
            "review_overdue",
            gettext_lazy("Police review overdue"),
            _find_review_overdue,
            _render_review_overdue,
            REVIEW_AUDIENCES,
            overdue=True,
        ),
        Trigger(
            "report_due",
            gettext_lazy("Post-visit report due"),
            _followups_due(FollowUp.Kind.REPORT),
            _render_report_due,
            FOLLOWUP_AUDIENCES,
        ),
        Trigger(
            "report_overdue",
            gettext_lazy("Post-visit report overdue"),
            _followups_overdue(FollowUp.Kind.REPORT),
            _render_report_overdue,
            FOLLOWUP_AUDIENCES,
            overdue=True,
        ),
        Trigger(
            "followup_due",
            gettext_lazy("Follow-up due"),
            _followups_due(FollowUp.Kind.TASK),
            _render_followup_due,
            FOLLOWUP_AUDIENCES,
        ),
        Trigger(
            "followup_overdue",
            gettext_lazy("Follow-up overdue"),
            _followups_overdue(FollowUp.Kind.TASK),
            _render_followup_overdue,
            FOLLOWUP_AUDIENCES,
            overdue=True,
        ),
        Trigger(
            "passport_expiry",
            gettext_lazy("A passport ends before the visit does"),
            _find_passports,
            document_expiry_render(gettext_lazy("passport")),
            CASE_AUDIENCES,
            identity=True,
        ),
        Trigger(
            "quarterly_summary",
            gettext_lazy("Quarterly summary"),
            find_quarter,
            render_quarter,
            frozenset(),
        ),
    ]:
        register(trigger)

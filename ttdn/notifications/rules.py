"""What a reminder rule can watch (its trigger) and whom it can remind (its audiences).

Triggers live with the data they watch (``ttdn/cases/reminders.py``, ``press/reminders.py``,
``delegations/reminders.py``) and register here; the sweep (``sweep.py``) runs each enabled rule's
trigger once, with a few set-based queries, and turns what it finds into notifications.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import User
from ttdn.accounts.roles import ROLE_NAMES, Role
from ttdn.notifications.models import Notification, ReminderRule

T = TypeVar("T")


class Audience(models.TextChoices):
    RESPONSIBLE_OFFICER = "responsible_officer", _("the case's responsible officer")
    PROTOCOL = "protocol", _("all protocol staff")
    LEADERS = "leaders", _("the leaders")
    HOST_AGENCIES = "host_agencies", _("staff of the lead and co-host agencies")
    ASSIGNEE = "assignee", _("the assignee (the person, or the staff of the agency)")
    REVIEWER = "reviewer", _("the police officer on the review (or the police agency's officers)")
    POLICE_LEADS = "police_leads", _("the leads of the police agency")


# Audiences every trigger can reach: they depend on roles only, not on the object.
ROLE_AUDIENCES = {Audience.PROTOCOL: Role.PROTOCOL, Audience.LEADERS: Role.LEADER}


@dataclass(frozen=True)
class Occasion:
    """One thing due, once: ``key`` names the object and its date (a new date, a new occasion)."""

    key: str
    case_id: int | None
    params: dict[str, Any]
    # The people tied to this object, per audience (the role audiences are added by the sweep).
    people: dict[str, frozenset[int]] = field(default_factory=dict)


class Directory:
    """Who is who, read in two queries per sweep, whatever the number of cases."""

    def __init__(self) -> None:
        self._once: dict[str, Any] = {}
        self._by_agency: dict[int, set[int]] = defaultdict(set)
        self._leads: dict[int, set[int]] = defaultdict(set)
        self._by_role: dict[str, set[int]] = defaultdict(set)
        for pk, agency_id, is_lead in User.objects.filter(is_active=True).values_list(
            "pk", "agency_id", "is_agency_lead"
        ):
            if agency_id is not None:
                self._by_agency[agency_id].add(pk)
                if is_lead:
                    self._leads[agency_id].add(pk)
        memberships = User.groups.through.objects.filter(
            group__name__in=ROLE_NAMES, user__is_active=True
        ).values_list("user_id", "group__name")
        for user_id, role in memberships:
            self._by_role[role].add(user_id)

    def once(self, key: str, read: Callable[[], T]) -> T:
        """``read()``, made once per sweep for every rule that asks by the same ``key`` (the rows
        several rules of one trigger filter differently: the passports out, say)."""
        if key not in self._once:
            self._once[key] = read()
        return self._once[key]

    def with_role(self, role: Role) -> frozenset[int]:
        return frozenset(self._by_role[role])

    def staff_of(self, *agency_ids: int | None) -> frozenset[int]:
        """The people who work cases in these agencies (protocol and host staff; not its admins,
        nor its leaders, who get the reminders addressed to leaders)."""
        workers = (self._by_role[Role.PROTOCOL] | self._by_role[Role.AGENCY]) - self._by_role[Role.LEADER]
        return frozenset(
            pk for agency_id in agency_ids if agency_id for pk in self._by_agency[agency_id] if pk in workers
        )

    def leads_of(self, agency_id: int | None, role: Role | None = None) -> frozenset[int]:
        leads = self._leads[agency_id] if agency_id else set()
        return frozenset(leads & self._by_role[role] if role else leads)

    def staff_with_role(self, agency_id: int | None, role: Role) -> frozenset[int]:
        return frozenset(self._by_agency[agency_id] & self._by_role[role]) if agency_id else frozenset()


Finder = Callable[[ReminderRule, datetime.date, Directory], Iterable[Occasion]]
Renderer = Callable[[Notification], str]


@dataclass(frozen=True)
class Trigger:
    code: str
    label: str | Promise
    find: Finder
    render: Renderer
    audiences: frozenset[str]  # the object-tied audiences it fills, besides the role audiences
    overdue: bool = False  # the offset counts after the date, not before it
    # Its messages name people's identity documents: only for readers who may see identity data.
    identity: bool = False

    def reachable(self) -> frozenset[str]:
        return self.audiences | frozenset(ROLE_AUDIENCES)


_triggers: dict[str, Trigger] = {}


def register(trigger: Trigger) -> None:
    from ttdn.notifications import messages

    _triggers[trigger.code] = trigger
    messages.register(trigger.code, trigger.render)


def get(code: str) -> Trigger | None:
    return _triggers.get(code)


def all_triggers() -> list[Trigger]:
    return sorted(_triggers.values(), key=lambda trigger: trigger.code)


def shift(rule: ReminderRule, day: datetime.date, days: int) -> datetime.date:
    """``days`` after ``day`` (before it when negative), counted as the rule counts."""
    if rule.day_kind == ReminderRule.DayKind.WORKING:
        from ttdn.cases.deadlines import add_working_days

        return add_working_days(day, days)
    return day + datetime.timedelta(days=days)


def due_window(rule: ReminderRule, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Dates from today up to ``offset`` days ahead: what is due "in N days" and not yet past.
    A window, not one exact day, so that a sweep missed for a while still finds what came due;
    it starts after the window of a closer rule of the same trigger (``window_floor``)."""
    first = today if rule.window_floor is None else max(today, rule.window_floor + datetime.timedelta(days=1))
    return first, shift(rule, today, rule.offset)


def overdue_before(rule: ReminderRule, today: datetime.date) -> datetime.date:
    """Dates before this one are overdue by at least ``offset`` days (0: the day after)."""
    return min(today, shift(rule, today, -rule.offset) + datetime.timedelta(days=1))


def date_finders(
    model: type[models.Model], field: str, occasions: Callable[[models.QuerySet[Any]], list[Occasion]]
) -> tuple[Finder, Finder]:
    """The finders of a pair of triggers on a date ``field`` of ``model``: what is due within the
    rule's window ("due soon"), and what is past due by the rule's offset ("overdue"); each turns
    the rows it finds into occasions with ``occasions``."""

    def find_due(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
        return occasions(model._default_manager.filter(**{f"{field}__range": due_window(rule, today)}))

    def find_overdue(rule: ReminderRule, today: datetime.date, directory: Directory) -> list[Occasion]:
        return occasions(model._default_manager.filter(**{f"{field}__lt": overdue_before(rule, today)}))

    return find_due, find_overdue

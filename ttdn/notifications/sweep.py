"""The reminder sweep: every enabled rule finds what is due in a query or two; who may see what is
then decided once for the recipients of every rule (a few queries, however many cases and
users); one notification per rule, object, recipient and occasion. Safe to run
twice or at once: the unique key makes repeats no-ops, and the database, not the broker,
remembers what is still to be sent."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.cases.deadlines import MAX_SPAN_DAYS, calendar_held
from ttdn.cases.identity import identity_visible_to_each
from ttdn.cases.selectors import cases_visible_to_each
from ttdn.notifications import rules
from ttdn.notifications.delivery import enqueue_pending
from ttdn.notifications.models import Notification, ReminderRule

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepResult:
    created: list[Notification]
    rules_run: int


def _recipients(rule: ReminderRule, occasion: rules.Occasion, directory: rules.Directory) -> set[int]:
    trigger = rules.get(rule.trigger)
    reachable = trigger.reachable() if trigger else frozenset()
    users: set[int] = set()
    for audience in rule.audiences:
        if audience not in reachable:
            continue
        role = rules.ROLE_AUDIENCES.get(audience)
        users |= directory.with_role(role) if role else occasion.people.get(audience, frozenset())
    return users


def _visible(
    on_cases: dict[int, set[int]], on_identity: dict[int, set[int]]
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Per user, the cases among those they would be reminded of that they may see (through the
    one selector, decided for every user of every rule at once), and of those whose reminders
    name identity documents (``on_identity``), the ones whose identity data they may see."""
    users = list(User.objects.filter(pk__in=list(on_cases)))
    case_ids = set().union(*on_cases.values()) if on_cases else set()
    seen = cases_visible_to_each(users=users, case_ids=case_ids)
    identity_users = [user for user in users if on_identity.get(user.pk)]
    shown: dict[int, set[int]] = {}
    if identity_users:
        shown = identity_visible_to_each(users=identity_users, case_ids=set().union(*on_identity.values()))
    return seen, shown


def reminders_sweep(*, today: datetime.date | None = None) -> SweepResult:
    """Find what is due today and create its notifications; then queue the e-mails still owed."""
    today = today or timezone.localdate()
    directory = rules.Directory()
    enabled = list(ReminderRule.objects.filter(enabled=True))
    # Every rule shifts today by its offset: the admins' calendar days read once for all of them.
    longest = max((rule.offset for rule in enabled), default=0)
    span = datetime.timedelta(days=min(MAX_SPAN_DAYS, longest * 3 + 30))
    found: list[tuple[ReminderRule, rules.Trigger, rules.Occasion, set[int]]] = []
    with calendar_held(today - span, today + span):
        _set_window_floors(enabled, today)
        for rule in enabled:
            trigger = rules.get(rule.trigger)
            if trigger is None:
                logger.warning("reminder rule %s watches an unknown trigger %r", rule.code, rule.trigger)
                continue
            for occasion in trigger.find(rule, today, directory):
                found.append((rule, trigger, occasion, _recipients(rule, occasion, directory)))
    on_cases: dict[int, set[int]] = defaultdict(set)
    on_identity: dict[int, set[int]] = defaultdict(set)
    for _, trigger, occasion, users in found:
        if occasion.case_id is not None:
            for user_id in users:
                on_cases[user_id].add(occasion.case_id)
                if trigger.identity:
                    on_identity[user_id].add(occasion.case_id)
    seen, shown = _visible(on_cases, on_identity)
    wanted = [
        Notification(
            recipient_id=user_id,
            kind=trigger.code,
            key=f"{rule.code}:{occasion.key}"[:128],
            case_id=occasion.case_id,
            params=occasion.params,
        )
        for rule, trigger, occasion, users in found
        for user_id in sorted(users)
        # nobody is reminded of a case they may not see, nor of identity data they may not see
        if occasion.case_id is None
        or (
            occasion.case_id in seen.get(user_id, ())
            and (not trigger.identity or occasion.case_id in shown.get(user_id, ()))
        )
    ]
    created = _create_new(wanted)
    transaction.on_commit(enqueue_pending)
    return SweepResult(created=created, rules_run=len(enabled))


def _set_window_floors(enabled: list[ReminderRule], today: datetime.date) -> None:
    """Each "due soon" rule looks beyond the horizon of the closer rules of its trigger."""
    horizons = {rule.pk: rules.shift(rule, today, rule.offset) for rule in enabled}
    for rule in enabled:
        trigger = rules.get(rule.trigger)
        if trigger is None or trigger.overdue:
            continue
        closer = [
            horizons[other.pk]
            for other in enabled
            if other.trigger == rule.trigger and horizons[other.pk] < horizons[rule.pk]
        ]
        rule.window_floor = max(closer, default=None)


@transaction.atomic
def _create_new(wanted: list[Notification]) -> list[Notification]:
    """Create those not created before (another sweep at the same moment is harmless: the unique
    constraint turns its rows into no-ops); return the ones new to this sweep."""
    if not wanted:
        return []
    existing = set(
        Notification.objects.filter(
            kind__in={n.kind for n in wanted}, key__in={n.key for n in wanted}
        ).values_list("kind", "key", "recipient_id")
    )
    new = list(
        {
            (n.kind, n.key, n.recipient_id): n
            for n in wanted
            if (n.kind, n.key, n.recipient_id) not in existing
        }.values()
    )
    # One statement on PostgreSQL however many rows (an array per column); SQLite splits it at its
    # parameter limit (Django does).
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    return new

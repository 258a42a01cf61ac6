"""Retention: the identity data of people whose visits are long over is anonymised (daily task).

A person is due once EVERY case they take part in is closed or cancelled, each longer ago than the
retention period of its kind (``RetentionPeriod``, admin-editable; a kind without one is kept). Their
name becomes a placeholder and their date of birth, passport, press card, position and organisation
are cleared, in the person, in the person's history and in the press card and its history; what the
reports count stays (the person row, nationality, sex, participations and roles). The anonymisation
is recorded in the person's history and as an event on each of their cases, and the person is
marked, so a second run does nothing.
"""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import DateTimeField, Exists, Model, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ttdn.cases import kinds
from ttdn.cases.events import log_events
from ttdn.cases.models import Case, CaseEvent, Participant, Person, RetentionPeriod
from ttdn.cases.services.cases import cases_refresh_search_text
from ttdn.notifications.models import Notification

ANONYMISED_NAME = "•••"
EVENT = "person.anonymised"
BATCH = 500

# What anonymising empties in a person (and every historical copy of them).
CLEARED_PERSON_FIELDS = {
    "full_name": ANONYMISED_NAME,
    "date_of_birth": None,
    "passport_number": "",
    "passport_hash": "",
    "passport_expiry": None,
    "position": "",
    "name_in_script": "",
    "position_translated": "",
    "organisation": None,
}


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def cases_past_retention(*, now: datetime.datetime) -> QuerySet[Case]:
    """Closed or cancelled cases whose kind's period has passed since they ended so."""
    periods = dict(RetentionPeriod.objects.values_list("kind", "years"))
    if not periods:
        return Case.objects.none()
    today = timezone.localdate(now)
    # When the case reached its final state: the first history row with it (closed and cancelled
    # are final). Imported old logs count from their import.
    ended_at = Subquery(
        Case.history.filter(id=OuterRef("pk"), status=OuterRef("status"))
        .order_by("history_date")
        .values("history_date")[:1],
        output_field=DateTimeField(),
    )
    due = reduce(
        or_,
        (
            Q(
                kind=kind,
                ended_at__lt=timezone.make_aware(
                    datetime.datetime.combine(_years_before(today, years), datetime.time())
                ),
            )
            for kind, years in periods.items()
        ),
    )
    return Case.objects.filter(status__in=Case.ENDED).annotate(ended_at=ended_at).filter(due)


def people_due_for_anonymisation(*, now: datetime.datetime) -> QuerySet[Person]:
    """People not anonymised yet, in at least one case, and in no case still within its period."""
    kept = Participant.objects.filter(person=OuterRef("pk")).exclude(case__in=cases_past_retention(now=now))
    return Person.objects.filter(
        Exists(Participant.objects.filter(person=OuterRef("pk"))), ~Exists(kept), anonymised_at__isnull=True
    )


def _admin_log_forget(model: type[Model], pks: list[int]) -> None:
    """The admin's log names each record it changed (a person's name): that text goes too."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks]
    ).update(object_repr=ANONYMISED_NAME)


def people_anonymise_due(*, now: datetime.datetime | None = None) -> int:
    """Anonymise everyone due (in batches, each one transaction); returns how many."""
    from django.apps import apps

    now = now or timezone.now()
    done = 0
    while True:
        with transaction.atomic():
            ids = list(
                people_due_for_anonymisation(now=now)
                .select_for_update()
                .order_by("pk")
                .values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                return done
            people_of: dict[int, list[int]] = {}
            for case_id, person_id in Participant.objects.filter(person__in=ids).values_list(
                "case_id", "person_id"
            ):
                people_of.setdefault(case_id, []).append(person_id)
            case_ids = set(people_of)
            names = list(Person.objects.filter(pk__in=ids).values_list("full_name", flat=True))
            # Reminders that named them (a passport or press card ending): old news about closed cases.
            Notification.objects.filter(case__in=case_ids, params__name__in=names).delete()
            Person.objects.filter(pk__in=ids).update(**CLEARED_PERSON_FIELDS, anonymised_at=now)
            Person.history.filter(id__in=ids).update(**CLEARED_PERSON_FIELDS)
            _admin_log_forget(Person, ids)
            for label, person_field, cleared in kinds.identity_records():
                model = apps.get_model(label)
                records = model._default_manager.filter(**{f"{person_field}__in": ids})
                _admin_log_forget(model, list(records.values_list("pk", flat=True)))
                records.update(**cleared)
                model.history.filter(**{f"{person_field}__in": ids}).update(**cleared)
            # The request of a correction may name the person: it goes too.
            CaseEvent.objects.filter(code="person.corrected", data__person__in=ids).update(text="")
            # One history entry per person, and one event per case, say what happened, and when.
            Person.history.bulk_history_create(list(Person.objects.filter(pk__in=ids)), update=True)
            log_events(
                code=EVENT,
                actor=None,
                data_by_case={case_id: {"people": sorted(people)} for case_id, people in people_of.items()},
            )
            cases_refresh_search_text(case_ids=case_ids)
            done += len(ids)


def kinds_records_clear_due(*, now: datetime.datetime | None = None) -> int:
    """Have each kind clear the identity data it keeps outside the persons on its cases past
    retention (``CaseKind.retention_clear``); returns how many records were cleared."""
    now = now or timezone.now()
    cleared = 0
    for kind in kinds.all_kinds():
        if kind.retention_clear is not None:
            with transaction.atomic():
                cleared += kind.retention_clear(cases_past_retention(now=now).filter(kind=kind.code))
    return cleared

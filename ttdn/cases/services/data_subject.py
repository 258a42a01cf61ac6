"""A data subject's requests: everything TTDN holds about a person, and its correction.

Both are open to whoever may see the person's identity data (``people_visible_to``), and both are
written to the access log of each case of the person the actor may see (or once without a case).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.cases import kinds
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_events, text_checked
from ttdn.cases.fields import IdentityHashField
from ttdn.cases.history import stamp
from ttdn.cases.models import AccessLog, Case, CaseEvent, Participant, Person
from ttdn.cases.selectors import cases_visible_to, people_visible_to
from ttdn.cases.services.access import access_log_many

# What a correction may change: the person's own data, never their identity across cases.
CORRECTABLE_FIELDS = (
    "full_name", "name_in_script", "sex", "date_of_birth", "passport_number", "passport_expiry", "position",
    "position_translated",
)  # fmt: skip
CORRECTION_EVENT = "person.corrected"


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def _fields(instance: models.Model, skip: Iterable[str] = ()) -> dict[str, Any]:
    """The stored values of ``instance`` (decrypted), without hashes and keys."""
    return {
        field.name: _value(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if not isinstance(field, IdentityHashField) and not field.is_relation and field.name not in skip
    }


def _require(actor: User, person: Person) -> None:
    if not people_visible_to(actor).filter(pk=person.pk).exists():
        raise CaseError(_("You may not see this person's data."))


def _log(*, request: HttpRequest, actor: User, person: Person, action: str, detail: str) -> None:
    cases = Case.objects.filter(participants__person=person).filter(pk__in=cases_visible_to(actor))
    access_log_many(request=request, user=actor, cases=cases, action=action, detail=detail, without_case=True)


def _person_events(person: Person) -> models.QuerySet[CaseEvent]:
    """The events that name the person (their corrections, on each of their cases)."""
    return CaseEvent.objects.filter(data__person=person.pk).order_by("at", "pk")


def person_export(*, request: HttpRequest, actor: User, person: Person) -> dict[str, Any]:
    """Everything about ``person`` as JSON-ready data, for the person who asked for it."""
    _require(actor, person)
    visible = cases_visible_to(actor)
    participations = (
        Participant.objects.filter(person=person).select_related("case").order_by("case__start_date")
    )
    shown = list(participations.filter(case__in=visible))
    records: dict[str, Any] = {}
    for label, person_field, _cleared in kinds.identity_records():
        model = apps.get_model(label)
        records[model._meta.model_name or label] = [
            _fields(obj, skip=["id"]) for obj in model._default_manager.filter(**{person_field: person})
        ]
    history = [
        {
            "date": row.history_date.isoformat(),
            "action": {"+": "created", "~": "changed", "-": "deleted"}[row.history_type],
            "by": row.history_user.get_username() if row.history_user else None,
            "reason": row.history_change_reason or "",
            "data": _fields(
                row, skip=["id", "history_id", "history_date", "history_change_reason", "history_type"]
            ),
        }
        for row in Person.history.filter(id=person.pk).select_related("history_user").order_by("history_date")
    ]
    # What was done to the person's data (corrections, anonymisation), from their cases' event logs.
    events: list[dict[str, Any]] = []
    for event in _person_events(person).select_related("actor"):
        entry = {
            "date": event.at.isoformat(),
            "event": event.code,
            "by": event.actor.get_username() if event.actor else None,
            "text": event.text,
            "fields": event.data.get("fields", []),
        }
        if entry not in events:  # one correction is an event on each of the person's cases
            events.append(entry)
    data = {
        "exported_at": timezone.now().isoformat(),
        "exported_by": actor.get_username(),
        "person": {
            **_fields(person),
            "organisation": (
                {"name": person.organisation.name, "country": str(person.organisation.country)}
                if person.organisation
                else None
            ),
        },
        **records,
        "participations": [
            {
                "case": p.case.reference,
                "title": p.case.title,
                "kind": p.case.kind,
                "status": p.case.status,
                "role": p.role,
                "start_date": p.case.start_date.isoformat(),
                "end_date": p.case.end_date.isoformat(),
            }
            for p in shown
        ],
        # Cases this reader may not see (restricted ones): someone on their need-to-know list completes them.
        "participations_not_shown": participations.count() - len(shown),
        "history": history,
        "events": events,
    }
    _log(
        request=request,
        actor=actor,
        person=person,
        action=AccessLog.Action.PERSON_EXPORT,
        detail=f"{person.pk}",
    )
    return data


@transaction.atomic
def person_correct(
    *, request: HttpRequest, actor: User, person: Person, changes: dict[str, Any], reference: str
) -> Person:
    """Correct ``person`` as they asked (request ``reference``): the change is in the person's
    history, and the request (whole) an event on each case of the person."""
    _require(actor, person)
    reference = text_checked(reference)
    if not reference:
        raise CaseError(_("Give the reference or the reason of the request."))
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise CaseError(
            _("These fields cannot be corrected here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.anonymised_at is not None:
        raise CaseError(_("This person's data was anonymised; there is nothing to correct."))
    changed = [name for name, value in changes.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, changes[name])
    locked.full_clean()
    stamp(locked, actor)
    locked.save()
    # Which fields, never their values: identity data stays in the person's (encrypted) record.
    log_events(
        code=CORRECTION_EVENT,
        actor=actor,
        text=reference,
        data_by_case={
            case_id: {"person": locked.pk, "fields": changed}
            for case_id in Participant.objects.filter(person=locked).values_list("case_id", flat=True)
        },
    )
    _log(
        request=request,
        actor=actor,
        person=locked,
        action=AccessLog.Action.PERSON_CORRECT,
        detail=f"{locked.pk}: {', '.join(changed)} ({reference})",
    )
    return locked

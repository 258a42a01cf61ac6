"""The case timeline: what happened (the event log), what changed in each record (the field diffs
of django-simple-history), and for those who manage access, the grants and the access log.

The case page and the API (``GET /api/v1/cases/{id}/events/``) both show ``timeline_for``: the
same entries, identity data masked for the same readers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import User
from ttdn.cases import kinds
from ttdn.cases.events import event_label
from ttdn.cases.fields import EncryptedTextField, IdentityHashField
from ttdn.cases.identity import MASK, identity_visible, mask_date, mask_passport
from ttdn.cases.models import Case
from ttdn.cases.policy import may_manage_access

GRANT_LABELS = {
    "access_restricted_case": gettext_lazy("need-to-know access"),
    "review_case": gettext_lazy("referral to the police"),
    "see_referred_case": gettext_lazy("the police's sight of the restricted case (referral)"),
}
# What the entries that are not events say (the page's template says the same).
ACTION_LABELS = {
    "created": gettext_lazy("added"),
    "changed": gettext_lazy("changed"),
    "deleted": gettext_lazy("removed"),
    "granted": gettext_lazy("granted"),
    "revoked": gettext_lazy("revoked"),
}
# Identity data by name, wherever it turns up (a record's field, an event's data): masked for
# readers who may not see it, as on the case page.
IDENTITY_DATES = frozenset({"date_of_birth", "passport_expiry"})
IDENTITY_NUMBERS = frozenset({"passport_number"})


@dataclass
class TimelineEntry:
    when: datetime.datetime
    user: User | None
    # "event" (the event log), "created", "changed", "deleted" (a record's history), "granted",
    # "revoked" (a permission), "access" (the access log)
    action: str
    code: str  # the event's code; "record.<action>", "access.<action>" for the others
    subject: str  # the event's label, or the kind of record
    label: str = ""  # the record (its __str__), the holder of a grant, the person an event names
    text: str = ""  # the event's text, whole (a reason, a decision's note, a reference)
    changes: list[tuple[Any, Any, Any]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def timeline_for(*, user: AbstractBaseUser | AnonymousUser, case: Case) -> list[TimelineEntry]:
    """The timeline of ``case`` as ``user`` may see it (who already may see the case)."""
    kind = kinds.get(case.kind)
    return case_timeline(
        case_id=case.pk,
        extension_models=[kind.extension_model] if kind.extension_model else [],
        include_access=isinstance(user, User) and may_manage_access(user=user, case=case) is None,
        identity_shown=identity_visible(user=user, case=case),
    )


def _history_querysets(case_id: int, extension_models: list[str]) -> list[tuple[Any, models.QuerySet[Any]]]:
    from ttdn.cases.models import Attachment, FollowUp, Participant, ProgrammeItem, Review, SecrecyMark

    sets: list[tuple[Any, models.QuerySet[Any]]] = [
        (FollowUp, FollowUp.history.filter(case_id=case_id)),
        (Review, Review.history.filter(case_id=case_id)),
        (SecrecyMark, SecrecyMark.history.filter(case_id=case_id)),
        (Case, Case.history.filter(id=case_id)),
        (Participant, Participant.history.filter(case_id=case_id).select_related("person")),
        (ProgrammeItem, ProgrammeItem.history.filter(case_id=case_id)),
        (Attachment, Attachment.history.filter(case_id=case_id)),
    ]
    for label in extension_models:
        model = apps.get_model(label)
        sets.append((model, model.history.filter(case_id=case_id)))
    return sets


_SKIPPED = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "updated_at",
}
# Fields whose every change is an event already: a case's status moves only by the workflow.
_STATED_BY_EVENTS = {Case: {"status"}}


def case_timeline(
    *, case_id: int, extension_models: list[str], include_access: bool = False, identity_shown: bool = False
) -> list[TimelineEntry]:
    """Everything that happened to a case and its records, newest first.

    A fixed number of queries whatever the length of the history: one for the events, one per
    record type, and one per related model named in a change or an event.
    """
    entries = _event_entries(case_id, identity_shown)
    created_by_event = any(entry.code == "case.created" for entry in entries)
    wanted: dict[Any, set[Any]] = {}  # related model -> primary keys named in changes
    records: list[TimelineEntry] = []
    for model, queryset in _history_querysets(case_id, extension_models):
        rows = list(queryset.select_related("history_user").order_by("history_date", "history_id"))
        stated = _STATED_BY_EVENTS.get(model, set())
        fields = [
            f
            for f in model._meta.concrete_fields
            if f.attname not in _SKIPPED
            and f.name != "case"
            and f.name not in stated
            and not isinstance(f, IdentityHashField)
        ]
        previous: dict[Any, Any] = {}
        for row in rows:
            key = getattr(row, "id", None) or getattr(row, "pk", None)
            before = previous.get(key)
            previous[key] = row
            changes = []
            if row.history_type == "~" and before is not None:
                for f in fields:
                    old, new = getattr(before, f.attname, None), getattr(row, f.attname, None)
                    if old != new:
                        changes.append((f, old, new))
                        if f.is_relation:
                            wanted.setdefault(f.related_model, set()).update({old, new} - {None})
            action = {"+": "created", "~": "changed", "-": "deleted"}[row.history_type]
            if action == "changed" and not changes:
                continue  # a save that changed nothing shown here (its event says what happened)
            if action == "created" and model is Case and created_by_event:
                continue  # the "created" event says it
            records.append(
                TimelineEntry(
                    when=row.history_date,
                    user=row.history_user,
                    action=action,
                    code=f"record.{action}",
                    subject=str(model._meta.verbose_name),
                    label=_label(model, row),
                    changes=changes,
                )
            )
    related = {model: model._default_manager.in_bulk(pks) for model, pks in wanted.items()}
    for entry in records:
        entry.changes = [
            (
                str(f.verbose_name),
                _display(f, old, related, identity_shown),
                _display(f, new, related, identity_shown),
            )
            for f, old, new in entry.changes
        ]
    entries += records
    if include_access:
        entries += _grant_entries(case_id) + _access_entries(case_id)
    # Newest first; of entries at the same instant, the one recorded last (events come in order).
    order = {id(entry): index for index, entry in enumerate(entries)}
    entries.sort(key=lambda entry: (entry.when, order[id(entry)]), reverse=True)
    return entries


def _event_entries(case_id: int, identity_shown: bool) -> list[TimelineEntry]:
    from ttdn.cases.models import CaseEvent, Person

    events = list(CaseEvent.objects.filter(case_id=case_id).select_related("actor").order_by("at", "pk"))
    # An event names a person by id (their name is identity data, cleared by retention): show the
    # name they have now.
    people = Person.objects.in_bulk({event.data["person"] for event in events if "person" in event.data})
    return [
        TimelineEntry(
            when=event.at,
            user=event.actor,
            action="event",
            code=event.code,
            subject=event_label(event.code),
            label=str(people[event.data["person"]]) if event.data.get("person") in people else "",
            text=event.text,
            data=_masked(event.data, identity_shown),
        )
        for event in events
    ]


def _masked(data: dict[str, Any], identity_shown: bool) -> dict[str, Any]:
    """Event data carries ids and codes, not identity data; should it ever, it is masked here."""
    if identity_shown:
        return dict(data)
    return {
        key: (
            mask_passport(str(value))
            if key in IDENTITY_NUMBERS and value
            else MASK
            if key in IDENTITY_DATES and value
            else value
        )
        for key, value in data.items()
    }


def _display(field_: Any, value: Any, related: dict[Any, dict[Any, Any]], identity_shown: bool) -> Any:
    if value in (None, ""):
        return "—"
    if not identity_shown:
        if isinstance(field_, EncryptedTextField):
            return mask_passport(str(value))
        if field_.name in IDENTITY_DATES:
            return mask_date(value)
    if isinstance(value, bool):
        return gettext_lazy("yes") if value else gettext_lazy("no")
    if field_.choices:
        return dict(field_.flatchoices).get(value, value)
    if field_.is_relation:
        return related.get(field_.related_model, {}).get(value, value)
    return value


def _label(model: Any, row: Any) -> str:
    from ttdn.cases.models import Participant

    if model is Participant:
        return str(row.person.full_name)
    return str(row.instance)


def _grant_entries(case_id: int) -> list[TimelineEntry]:
    """Need-to-know grants and police referrals, given and taken back (host grants follow the
    lead and co-host agencies, which the case's own history shows)."""
    from ttdn.cases.models import CaseGroupObjectPermission, CaseUserObjectPermission
    from ttdn.cases.permissions import NEED_TO_KNOW, REFERRAL_SIGHT, REVIEW

    codenames = [NEED_TO_KNOW, REVIEW, REFERRAL_SIGHT]
    user_rows = CaseUserObjectPermission.history.filter(
        content_object_id=case_id, permission__codename__in=codenames
    ).select_related("history_user", "permission", "user")
    group_rows = CaseGroupObjectPermission.history.filter(
        content_object_id=case_id, permission__codename__in=codenames
    ).select_related("history_user", "permission", "group__agency")
    entries = []
    for row in [*user_rows, *group_rows]:
        holder = row.user if hasattr(row, "user_id") else getattr(row.group, "agency", None) or row.group
        action = "granted" if row.history_type == "+" else "revoked"
        entries.append(
            TimelineEntry(
                when=row.history_date,
                user=row.history_user,
                action=action,
                code=f"access.{action}",
                subject=str(GRANT_LABELS[row.permission.codename]),
                label=str(holder),
                data={"permission": row.permission.codename},
            )
        )
    return entries


def _access_entries(case_id: int) -> list[TimelineEntry]:
    from ttdn.cases.models import AccessLog

    return [
        TimelineEntry(
            when=log.at,
            user=log.user,
            action="access",
            code=f"access.{log.action}",
            subject=str(log.get_action_display()),
            label=log.detail,
            data={"address": log.ip_address or ""},
        )
        for log in AccessLog.objects.filter(case_id=case_id).select_related("user")
    ]

"""The case timeline: what happened (the event log), what changed in each record (the field diffs
of django-simple-history), and for those who manage access, the grants and the access log.

The case page and the API (``GET /api/v1/cases/{id}/events/``) both show ``timeline_for``: the
same entries, identity data masked for the same readers.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import Agency, User
from ttdn.cases import kinds
from ttdn.cases.events import event_label
from ttdn.cases.fields import EncryptedTextField, IdentityHashField
from ttdn.cases.identity import MASK, identity_visible, mask_date, mask_passport
from ttdn.cases.models import Case
from ttdn.cases.policy import may_manage_access
from ttdn.cases.timeline_rows import KEY, PERSON, TYPE, HistorySource, Row, history_values, timeline_rows

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
    return case_timeline(**_timeline_options(user, case))


def newest_of_timeline(
    *, user: AbstractBaseUser | AnonymousUser, case: Case, count: int
) -> tuple[list[TimelineEntry], int]:
    """The newest ``count`` entries of ``timeline_for`` and how many there are in all: the case
    page's, which takes as long for a case with a long history as for a short one (only the
    entries shown have their records named and their changes written out)."""
    return timeline_newest(**_timeline_options(user, case), count=count)


def _timeline_options(user: AbstractBaseUser | AnonymousUser, case: Case) -> dict[str, Any]:
    kind = kinds.get(case.kind)
    return {
        "case_id": case.pk,
        "extension_models": [kind.extension_model] if kind.extension_model else [],
        "include_access": isinstance(user, User) and may_manage_access(user=user, case=case) is None,
        "identity_shown": identity_visible(user=user, case=case),
    }


@functools.cache
def _history_sources(extension_models: tuple[str, ...]) -> tuple[HistorySource, ...]:
    """The histories read for a case of a kind whose records extend the case's with
    ``extension_models`` (the same for every case of the kind: worked out once)."""
    from ttdn.cases.models import Attachment, FollowUp, Participant, ProgrammeItem, Review, SecrecyMark

    models_ = [FollowUp, Review, SecrecyMark, Case, Participant, ProgrammeItem, Attachment]
    models_ += [apps.get_model(label) for label in extension_models]
    return tuple(HistorySource(model, _shown_fields(model)) for model in models_)


def _shown_fields(model: Any) -> tuple[Any, ...]:
    stated = _STATED_BY_EVENTS.get(model, set())
    kept = {f.attname for f in model.history.model._meta.concrete_fields}  # excluded from history
    return tuple(
        f
        for f in model._meta.concrete_fields
        if f.attname in kept
        and f.attname not in _SKIPPED
        and f.name != "case"
        and f.name not in stated
        and not isinstance(f, IdentityHashField)
    )


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

    A fixed number of queries whatever the length of the history: one for every row (see
    ``timeline_rows``), with the names of who acted and who holds a grant, and one per kind of
    related record named in a change or an event (a person).
    """
    entries, _ = timeline_newest(
        case_id=case_id,
        extension_models=extension_models,
        include_access=include_access,
        identity_shown=identity_shown,
        count=None,
    )
    return entries


def timeline_newest(
    *,
    case_id: int,
    extension_models: list[str],
    include_access: bool,
    identity_shown: bool,
    count: int | None,
) -> tuple[list[TimelineEntry], int]:
    """The newest ``count`` entries of ``case_timeline`` (all for None), and how many there are."""
    histories = _history_sources(tuple(extension_models))
    rows = timeline_rows(case_id=case_id, histories=histories, include_access=include_access)
    events = [row for row in rows if row.source == "event"]
    records = _record_entries(
        [row for row in rows if row.source == "history"],
        histories,
        created_by_event=any(row.fields["code"] == "case.created" for row in events),
    )
    users = _users_of(rows)
    entries = _event_entries(events, users, identity_shown) + [entry for entry, _, _ in records.values()]
    if include_access:
        entries += _grant_entries([row for row in rows if row.source.endswith("_grant")], users)
        entries += _access_entries([row for row in rows if row.source == "access"], users)
    # Newest first; of entries at the same instant, the one recorded last (events come in order).
    order = {id(entry): index for index, entry in enumerate(entries)}
    entries.sort(key=lambda entry: (entry.when, order[id(entry)]), reverse=True)
    shown = entries if count is None else entries[:count]
    _finish_records([entry for entry in shown if id(entry) in records], records, users, identity_shown)
    return shown, len(entries)


def _finish_records(
    shown: list[TimelineEntry],
    records: dict[int, tuple[TimelineEntry, int | None, Callable[[], str]]],
    users: dict[Any, User],
    identity_shown: bool,
) -> None:
    """Name the shown records' entries and write out their changes: the related records a change
    names (an officer in charge, a lead agency) read in one query per kind."""
    wanted: dict[Any, set[Any]] = {}  # related model -> primary keys named in changes
    for entry in shown:
        for f, old, new in entry.changes:
            if f.is_relation:
                wanted.setdefault(f.related_model, set()).update({old, new} - {None})
    named = wanted.pop(User, set()) - users.keys()
    found_users = users | (User.objects.in_bulk(named) if named else {})
    related = {User: found_users} | {
        model: model._default_manager.in_bulk(pks) for model, pks in wanted.items()
    }
    for entry in shown:
        _, user_id, label = records[id(entry)]
        entry.user = found_users.get(user_id)
        entry.label = label()
        entry.changes = [
            (
                str(f.verbose_name),
                _display(f, old, related, identity_shown),
                _display(f, new, related, identity_shown),
            )
            for f, old, new in entry.changes
        ]


def _users_of(rows: list[Row]) -> dict[Any, User]:
    """The users the rows name (who acted, who holds a grant), from the names read with them:
    unsaved ``User`` objects that say who they were, for the page and the API alike."""
    found: dict[Any, User] = {}
    for row in rows:
        for pk, names in (
            (row.user_id, row.user_names),
            (
                row.fields.get("holder"),
                row.fields.get("holder_names") if row.source == "user_grant" else None,
            ),
        ):
            if pk is not None and pk not in found and names and names.get("username") is not None:
                found[pk] = User(pk=pk, username=names["username"], full_name=names["full_name"] or "")
    return found


def _record_entries(
    rows: list[Row], histories: tuple[HistorySource, ...], *, created_by_event: bool
) -> dict[int, tuple[TimelineEntry, int | None, Callable[[], str]]]:
    """The entries of the records' history with their raw changes, by ``id`` of the entry: each
    with the id of who made it and how to name its record (done for the entries shown only)."""
    fields_of = {history.model: history.fields for history in histories}
    # each kind of record named once, not once per row (a translation each: 200 participants)
    subjects = {history.model: str(history.model._meta.verbose_name) for history in histories}
    records: dict[int, tuple[TimelineEntry, int | None, Callable[[], str]]] = {}
    # A row's values are made only when they are compared or name a shown entry: most rows (a
    # participant added, never changed) need neither.
    values_of: dict[int, dict[str, Any]] = {}

    def values(row: Row) -> dict[str, Any]:
        if id(row) not in values_of:
            values_of[id(row)] = history_values(row, fields_of[row.model])
        return values_of[id(row)]

    previous: dict[tuple[Any, Any], Row] = {}
    for row in rows:
        model = row.model
        key = (model, row.fields[KEY])
        before = previous.get(key)
        previous[key] = row
        history_type = row.fields[TYPE]
        changes = []
        if history_type == "~" and before is not None:
            old_values, new_values = values(before), values(row)
            for f in fields_of[model]:
                old, new = old_values.get(f.attname), new_values.get(f.attname)
                if old != new:
                    changes.append((f, old, new))
        action = {"+": "created", "~": "changed", "-": "deleted"}[history_type]
        if action == "changed" and not changes:
            continue  # a save that changed nothing shown here (its event says what happened)
        if action == "created" and model is Case and created_by_event:
            continue  # the "created" event says it
        entry = TimelineEntry(
            when=row.when,
            user=None,
            action=action,
            code=f"record.{action}",
            subject=subjects[model],
            changes=changes,
        )
        if PERSON in row.fields:
            label = functools.partial(str, row.fields[PERSON])
        else:
            label = functools.partial(_label, model, functools.partial(values, row))
        records[id(entry)] = (entry, row.user_id, label)
    return records


def _label(model: Any, values: Callable[[], dict[str, Any]]) -> str:
    """What the record was called then, from its history row alone: simple-history's ``instance``
    would read the fields history does not keep from the live row, one query per row."""
    return str(model(**values()))


def _event_entries(rows: list[Row], users: dict[Any, User], identity_shown: bool) -> list[TimelineEntry]:
    from ttdn.cases.models import Person

    # An event names a person by id (their name is identity data, cleared by retention): show the
    # name they have now.
    people = Person.objects.in_bulk(
        {row.fields["data"]["person"] for row in rows if "person" in row.fields["data"]}
    )
    entries = []
    for row in rows:
        code, data = row.fields["code"], row.fields["data"]
        entries.append(
            TimelineEntry(
                when=row.when,
                user=users.get(row.user_id),
                action="event",
                code=code,
                subject=event_label(code),
                label=str(people[data["person"]]) if data.get("person") in people else "",
                text=row.fields["text"],
                data=_masked(data, identity_shown),
            )
        )
    return entries


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


def _grant_entries(rows: list[Row], users: dict[Any, User]) -> list[TimelineEntry]:
    """Need-to-know grants and police referrals, given and taken back (host grants follow the
    lead and co-host agencies, which the case's own history shows)."""
    entries = []
    for row in rows:
        if row.source == "user_grant":
            holder: Any = users.get(row.fields["holder"])
        else:
            holder = _group_holder(row.fields)
        action = "granted" if row.fields["type"] == "+" else "revoked"
        entries.append(
            TimelineEntry(
                when=row.when,
                user=users.get(row.user_id),
                action=action,
                code=f"access.{action}",
                subject=str(GRANT_LABELS[row.fields["permission"]]),
                label=str(holder),
                data={"permission": row.fields["permission"]},
            )
        )
    return entries


def _group_holder(fields: dict[str, Any]) -> str | None:
    """A group grant's holder as ``Agency.name`` says it (the page's language, Vietnamese when
    there is no English name), or the group's own name for a group of no agency."""
    if fields.get("agency_vi") is not None:
        return Agency.name_of(str(fields["agency_vi"]), fields.get("agency_en"))
    return fields.get("group_name")


def _access_entries(rows: list[Row], users: dict[Any, User]) -> list[TimelineEntry]:
    from ttdn.cases.models import AccessLog

    actions = dict(AccessLog.Action.choices)
    return [
        TimelineEntry(
            when=row.when,
            user=users.get(row.user_id),
            action="access",
            code=f"access.{row.fields['action']}",
            subject=str(actions.get(row.fields["action"], row.fields["action"])),
            label=row.fields["detail"],
            data={"address": row.fields["address"] or ""},
        )
        for row in rows
    ]

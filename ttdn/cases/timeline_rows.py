"""The rows of a case's timeline in one query.

The event log, the history tables of the case's records, the history of its grants and its
access log have different columns; each part of one ``UNION ALL`` carries its row's fields as a
JSON object beside the columns they share (when, a sequence number, the user), and the fields'
own converters make them Python values again. The case page then costs as many queries whatever
kinds of records a case has and however long its history.
"""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import JSONObject
from django.utils import timezone

KEY = "__key"  # the record's own primary key, in a history row's fields
TYPE = "__type"  # simple-history's +, ~ or -
PERSON = "__person"  # a participant's name, in a participant's history row


@dataclass
class Row:
    source: str  # "event", "history", "user_grant", "group_grant" or "access"
    when: datetime.datetime
    sequence: int  # the row's id in its table (orders rows recorded at the same instant)
    user_id: int | None
    fields: dict[str, Any]
    model: Any = None  # the recorded model, for a history row


@dataclass(frozen=True)
class HistorySource:
    model: Any
    fields: list[Any]  # the model's fields shown in a change (they are converted back)


def _part(
    queryset: models.QuerySet[Any], index: int, when: str, sequence: str, user: str, fields: dict[str, Any]
):
    return (
        queryset.order_by()
        .annotate(
            t_when=F(when),
            t_sequence=F(sequence),
            t_source=Value(index, output_field=models.IntegerField()),
            t_user=F(user),
            t_fields=JSONObject(**fields),
        )
        .values("t_when", "t_sequence", "t_source", "t_user", "t_fields")
    )


def timeline_rows(*, case_id: int, histories: list[HistorySource], include_access: bool) -> list[Row]:
    """Every row of the case's timeline, grouped by source and in the order each is shown."""
    from ttdn.cases.models import (
        AccessLog,
        Case,
        CaseEvent,
        CaseGroupObjectPermission,
        CaseUserObjectPermission,
    )
    from ttdn.cases.permissions import NEED_TO_KNOW, REFERRAL_SIGHT, REVIEW

    sources: list[tuple[str, Any]] = []
    parts = []

    def add(source: str, model: Any, part: models.QuerySet[Any]) -> None:
        sources.append((source, model))
        parts.append(part)

    events = CaseEvent.objects.filter(case_id=case_id)
    add(
        "event",
        None,
        _part(events, 0, "at", "pk", "actor_id", {"code": F("code"), "text": F("text"), "data": F("data")}),
    )
    for history in histories:
        model = history.model
        fields = {f.attname: F(f.attname) for f in history.fields}
        fields |= {KEY: F(model._meta.pk.attname), TYPE: F("history_type")}
        if model._meta.label == "cases.Participant":
            fields[PERSON] = F("person__full_name")
        rows = model.history.filter(**({"id": case_id} if model is Case else {"case_id": case_id}))
        add(
            "history", model, _part(rows, len(parts), "history_date", "history_id", "history_user_id", fields)
        )
    if include_access:
        codenames = [NEED_TO_KNOW, REVIEW, REFERRAL_SIGHT]
        for source, model, holder in (
            ("user_grant", CaseUserObjectPermission, "user_id"),
            ("group_grant", CaseGroupObjectPermission, "group_id"),
        ):
            grants = model.history.filter(content_object_id=case_id, permission__codename__in=codenames)
            fields = {"permission": F("permission__codename"), "holder": F(holder), "type": F("history_type")}
            add(
                source,
                None,
                _part(grants, len(parts), "history_date", "history_id", "history_user_id", fields),
            )
        logs = AccessLog.objects.filter(case_id=case_id)
        fields = {"action": F("action"), "detail": F("detail"), "address": F("ip_address")}
        add("access", None, _part(logs, len(parts), "at", "pk", "user_id", fields))

    rows = []
    for raw in parts[0].union(*parts[1:], all=True):
        source, model = sources[raw["t_source"]]
        row = Row(source, raw["t_when"], raw["t_sequence"], raw["t_user"], raw["t_fields"], model)
        if source == "event" and isinstance(row.fields["data"], str):
            row.fields["data"] = json.loads(row.fields["data"])  # SQLite nests JSON as text
        rows.append((raw["t_source"], row))
    newest_first = {"access"}  # as the access log lists itself
    rows.sort(key=lambda pair: (pair[0], pair[1].when, pair[1].sequence))
    ordered = [row for _, row in rows]
    return [row for row in ordered if row.source not in newest_first] + [
        row for row in reversed(ordered) if row.source in newest_first
    ]


def history_instance(row: Row, fields: list[Any]) -> Any:
    """The historical instance a history row stands for (its shown fields, its history data)."""
    values = {f.attname: from_json(f, row.fields.get(f.attname)) for f in fields}
    return historical_model(row.model)(
        history_date=row.when, history_id=row.sequence, history_type=row.fields[TYPE], **values
    )


@functools.cache
def historical_model(model: type[models.Model]) -> Any:
    """The model's history model. Not ``model.history.model`` for each row: simple-history's
    descriptor builds a new manager class on every access (0.3 ms, a third of a long case's page)."""
    return model.history.model  # type: ignore[attr-defined]


def from_json(field_: Any, raw: Any) -> Any:
    """A column's value as it came out of JSON (text for dates, 0/1 for booleans on SQLite) made
    the field's own Python value again."""
    if raw is None:
        return None
    if isinstance(field_, models.JSONField):
        return json.loads(raw) if isinstance(raw, str) else raw
    if hasattr(field_, "from_db_value"):  # decrypts, splits a list of countries
        raw = field_.from_db_value(raw, None, connection)
    value = field_.to_python(raw)
    if isinstance(field_, models.DateTimeField) and value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)  # SQLite keeps UTC without an offset
    return value

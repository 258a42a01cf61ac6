"""The rows of a case's timeline in one query.

The event log, the history tables of the case's records, the history of its grants and its
access log have different columns; each part of one ``UNION ALL`` carries its row's fields as a
JSON object beside the columns they share (when, a sequence number, the user), and the fields'
own converters make them Python values again. The case page then costs as many queries whatever
kinds of records a case has and however long its history. The statement is the same for every
case of a kind and reader but for the case's id: it is compiled once per process
(``ttdn/statements.py``), which Django would otherwise do on every page (20 of its 25 ms).
"""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, router
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import JSONObject
from django.utils import timezone

from ttdn.statements import STAND_IN, CompiledStatement, compile_once

KEY = "__key"  # the record's own primary key, in a history row's fields
TYPE = "__type"  # simple-history's +, ~ or -
PERSON = "__person"  # a participant's name, in a participant's history row
COLUMNS = ("t_when", "t_sequence", "t_source", "t_user", "t_username", "t_full_name", "t_fields")


@dataclass
class Row:
    source: str  # "event", "history", "user_grant", "group_grant" or "access"
    when: datetime.datetime
    sequence: int  # the row's id in its table (orders rows recorded at the same instant)
    user_id: int | None
    fields: dict[str, Any]
    model: Any = None  # the recorded model, for a history row
    user_names: dict[str, Any] | None = None  # the user's username and full_name


@dataclass(frozen=True)
class HistorySource:
    model: Any
    fields: tuple[Any, ...]  # the model's fields shown in a change (they are converted back)


def _user_names(user: str | OuterRef) -> dict[str, Any]:
    """The user name and full name of the user ``user`` (a column) names, read with the row."""
    from ttdn.accounts.models import User

    users = User.objects.filter(pk=OuterRef(user) if isinstance(user, str) else user)
    return {name: Subquery(users.values(name)[:1]) for name in ("username", "full_name")}


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
            # who acted, named by a join of the row's user (not a JSON object to decode per row)
            t_username=F(f"{user.removesuffix('_id')}__username"),
            t_full_name=F(f"{user.removesuffix('_id')}__full_name"),
            t_fields=JSONObject(**fields),
        )
        .values(*COLUMNS)
    )


@functools.lru_cache(maxsize=32)
def _statement(
    histories: tuple[HistorySource, ...], include_access: bool, alias: str
) -> tuple[CompiledStatement, tuple[tuple[str, Any], ...]]:
    """The timeline's one statement, compiled once for every case of the same kind and reader
    (``STAND_IN`` for the case's id), and the source of each of its parts."""
    from django.contrib.auth.models import Group

    from ttdn.accounts.models import Agency
    from ttdn.cases.models import (
        AccessLog,
        Case,
        CaseEvent,
        CaseGroupObjectPermission,
        CaseUserObjectPermission,
    )
    from ttdn.cases.permissions import NEED_TO_KNOW, REFERRAL_SIGHT, REVIEW

    case_id = STAND_IN
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
            grant_fields: dict[str, Any] = {
                "permission": F("permission__codename"),
                "holder": F(holder),
                "type": F("history_type"),
            }
            # Who holds it, named with the row (a group by its agency's names, else its own).
            if source == "user_grant":
                grant_fields["holder_names"] = JSONObject(**_user_names(OuterRef(holder)))
            else:
                agency = Agency.objects.filter(group_id=OuterRef(holder))
                grant_fields |= {
                    "agency_vi": Subquery(agency.values("name_vi")[:1]),
                    "agency_en": Subquery(agency.values("name_en")[:1]),
                    "group_name": Subquery(Group.objects.filter(pk=OuterRef(holder)).values("name")[:1]),
                }
            add(
                source,
                None,
                _part(grants, len(parts), "history_date", "history_id", "history_user_id", grant_fields),
            )
        logs = AccessLog.objects.filter(case_id=case_id)
        fields = {"action": F("action"), "detail": F("detail"), "address": F("ip_address")}
        add("access", None, _part(logs, len(parts), "at", "pk", "user_id", fields))

    return compile_once(parts[0].union(*parts[1:], all=True), alias), tuple(sources)


def timeline_rows(*, case_id: int, histories: tuple[HistorySource, ...], include_access: bool) -> list[Row]:
    """Every row of the case's timeline, grouped by source and in the order each is shown."""
    from ttdn.cases.models import CaseEvent

    statement, sources = _statement(histories, include_access, router.db_for_read(CaseEvent))
    rows = []
    for values in statement.rows(case_id):
        raw = dict(zip(COLUMNS, values, strict=True))
        source, model = sources[raw["t_source"]]
        names = {"username": raw["t_username"], "full_name": raw["t_full_name"]}
        row = Row(source, raw["t_when"], raw["t_sequence"], raw["t_user"], raw["t_fields"], model, names)
        for parent, key in ((row.fields, "data"), (row.fields, "holder_names")):
            if isinstance(parent.get(key), str):
                parent[key] = json.loads(parent[key])  # SQLite nests JSON as text
        rows.append((raw["t_source"], row))
    newest_first = {"access"}  # as the access log lists itself
    rows.sort(key=lambda pair: (pair[0], pair[1].when, pair[1].sequence))
    ordered = [row for _, row in rows]
    return [row for row in ordered if row.source not in newest_first] + [
        row for row in reversed(ordered) if row.source in newest_first
    ]


def history_values(row: Row, fields: tuple[Any, ...]) -> dict[str, Any]:
    """The shown fields' values a history row holds (by attname), as the fields' Python values:
    compared between versions as they are, made a model only for a record the page names."""
    return {f.attname: from_json(f, row.fields.get(f.attname)) for f in fields}


@functools.cache
def historical_model(model: type[models.Model]) -> Any:
    """The model's history model. Not ``model.history.model`` for each use: simple-history's
    descriptor builds a new manager class on every access (0.3 ms)."""
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

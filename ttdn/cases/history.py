"""Who made a change: ``stamp`` names the user of the next save in its simple-history row.

Why it was made (a reason, a decision's note) is an event of the case (``ttdn.cases.events``),
kept whole; the case timeline (``ttdn.cases.timeline``) reads both.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connection, models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ttdn.accounts.models import User
from ttdn.bulk import BATCH_SIZE, chunked
from ttdn.cases.timeline_rows import historical_model

M = TypeVar("M", bound=models.Model)


def stamp(instance: models.Model, actor: User | None) -> None:
    """Name who makes the next save of ``instance`` in its history."""
    instance._history_user = actor  # type: ignore[attr-defined]


def history_record(
    instances: Sequence[models.Model],
    *,
    history_type: str,
    actor: User | None,
    date: datetime.datetime | None = None,
    as_saved: bool = False,
) -> None:
    """Record ``instances`` (saved, of one model, each once) as they are now, in bulk: the rows
    their saves one by one would have recorded ("+" created, "~" changed), with a snapshot of their
    many-to-many fields' rows as simple-history takes it. ``actor`` None: the stamped user of
    each, else the request's (as for an unstamped save).

    With an ``actor``, or for unstamped records as they are in the database (``as_saved``, not
    snapshots of a state since changed), the rows are copied by the database from the saved rows
    (``INSERT … SELECT``), not built as Python objects: at 10,000 imported visits that was 40 % of
    the import (each value prepared twice, every identity number encrypted again)."""
    if not instances:
        return
    model = type(instances[0])
    manager: Any = model.history  # type: ignore[attr-defined]
    unstamped = not any(hasattr(instance, "_history_user") for instance in instances)
    if actor is not None or (as_saved and unstamped):
        user = actor or manager.model.get_default_history_user(instances[0])  # the request's, if any
        history_ids = _copied(model, [instance.pk for instance in instances], history_type, user, date)
    else:
        records = manager.bulk_history_create(
            list(instances),
            batch_size=BATCH_SIZE,
            update=history_type == "~",
            default_user=actor,
            default_date=date,
        )
        history_ids = {instance.pk: record.pk for record, instance in zip(records, instances, strict=True)}
    for field in getattr(manager.model, "_history_m2m_fields", ()):
        m2m_model = HistoricalRecords.m2m_models[field]
        through = field.remote_field.through
        source = field.m2m_field_name()
        names = [f.attname for f in through._meta.concrete_fields]
        rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for chunk in chunked(list(history_ids)):
            for values in through.objects.filter(**{f"{source}__in": chunk}).order_by("pk").values(*names):
                rows[values[f"{source}_id"]].append(values)
        m2m_model.objects.bulk_create(
            [
                m2m_model(history_id=history_ids[instance.pk], **values)
                for instance in instances
                for values in rows[instance.pk]
            ],
            batch_size=BATCH_SIZE,
        )


def bulk_create_recorded(objects: list[M], *, actor: User | None) -> list[M]:
    """``bulk_create`` with the history rows their saves would have written, naming ``actor``
    (None: the request's user, as for an unstamped save)."""
    if objects:
        type(objects[0])._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)
        history_record(objects, history_type="+", actor=actor, as_saved=True)
    return objects


def _copied(
    model: type[models.Model],
    pks: list[Any],
    history_type: str,
    user: User | None,
    date: datetime.datetime | None,
) -> dict[Any, int]:
    """Copy the saved rows ``pks`` of ``model`` into its history table; their history ids by pk."""
    history = historical_model(model)
    live = {f.attname: f.column for f in model._meta.concrete_fields}
    kept = [f for f in history._meta.concrete_fields if f.attname in live]  # the history's own columns aside
    quote = connection.ops.quote_name
    stamp_date = history._meta.get_field("history_date").get_db_prep_value(date or timezone.now(), connection)
    pk_column = quote(model._meta.pk.column)
    found: dict[Any, int] = {}
    with connection.cursor() as cursor:
        for chunk in chunked(pks):
            # Names from the models' metadata; every value a parameter.
            sql = (
                f"INSERT INTO {quote(history._meta.db_table)} "  # nosec B608  # noqa: S608 - names quoted from the models, values as parameters
                f"({', '.join(quote(f.column) for f in kept)}, history_date, history_type, history_user_id, "
                "history_change_reason) "
                f"SELECT {', '.join(quote(live[f.attname]) for f in kept)}, %s, %s, %s, NULL "
                f"FROM {quote(model._meta.db_table)} WHERE {pk_column} IN ({', '.join(['%s'] * len(chunk))}) "
                f"ORDER BY {pk_column} RETURNING history_id, {pk_column}"
            )
            cursor.execute(sql, [stamp_date, history_type, user.pk if user else None, *chunk])
            found.update((pk, history_id) for history_id, pk in cursor.fetchall())
    return found

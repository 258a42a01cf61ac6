"""Who made a change: ``stamp`` names the user of the next save in its simple-history row.

Why it was made (a reason, a decision's note) is an event of the case (``ttdn.cases.events``),
kept whole; the case timeline (``ttdn.cases.timeline``) reads both.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords

from ttdn.accounts.models import User
from ttdn.bulk import BATCH_SIZE, chunked


def stamp(instance: models.Model, actor: User | None) -> None:
    """Name who makes the next save of ``instance`` in its history."""
    instance._history_user = actor  # type: ignore[attr-defined]


def history_record(
    instances: Sequence[models.Model],
    *,
    history_type: str,
    actor: User | None,
    date: datetime.datetime | None = None,
) -> None:
    """Record ``instances`` (saved, of one model) as they are now, in bulk: the rows their saves
    one by one would have recorded ("+" created, "~" changed), with a snapshot of their
    many-to-many fields' rows as simple-history takes it. ``actor`` None: the stamped user of
    each, else the request's (as for an unstamped save)."""
    if not instances:
        return
    model = type(instances[0])
    manager: Any = model.history  # type: ignore[attr-defined]
    records = manager.bulk_history_create(
        list(instances),
        batch_size=BATCH_SIZE,
        update=history_type == "~",
        default_user=actor,
        default_date=date,
    )
    for field in getattr(manager.model, "_history_m2m_fields", ()):
        m2m_model = HistoricalRecords.m2m_models[field]
        through = field.remote_field.through
        source = field.m2m_field_name()
        names = [f.attname for f in through._meta.concrete_fields]
        rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        pks = list({instance.pk for instance in instances})
        for chunk in chunked(pks):
            for values in through.objects.filter(**{f"{source}__in": chunk}).order_by("pk").values(*names):
                rows[values[f"{source}_id"]].append(values)
        m2m_model.objects.bulk_create(
            [
                m2m_model(history=record, **values)
                for record, instance in zip(records, instances, strict=True)
                for values in rows[instance.pk]
            ],
            batch_size=BATCH_SIZE,
        )

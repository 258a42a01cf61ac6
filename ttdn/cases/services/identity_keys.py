"""Key rotation for the identity numbers encrypted at rest (``manage.py rotate_identity_keys``).

Every encrypted column of every model (the history tables included) is walked in primary-key
order, a batch at a time; each batch is one transaction holding its rows locked, so the site may
run meanwhile and an interrupted run loses nothing. A value already under the first key of
``TTDN_FIELD_KEYS`` (and, with ``rehash``, a hash already under ``TTDN_HASH_KEY``) is left alone,
so running again simply finishes the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from ttdn.cases.encryption import decrypt, identity_hash, is_current
from ttdn.cases.fields import EncryptedTextField, IdentityHashField


@dataclass(frozen=True)
class EncryptedColumn:
    model: type[models.Model]
    field: str
    hash_field: str

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field}"


@dataclass
class RotationCount:
    column: str
    rows: int = 0
    reencrypted: int = 0
    rehashed: int = 0
    stale_hashes: int = 0  # left as they were (no rehash asked)


def encrypted_columns() -> list[EncryptedColumn]:
    """Each encrypted field of each installed model (and of its historical model) with its hash."""
    columns = []
    for model in apps.get_models():
        fields = model._meta.concrete_fields
        for field in fields:
            if isinstance(field, EncryptedTextField):
                hashes = [
                    f.name for f in fields if isinstance(f, IdentityHashField) and f.source == field.name
                ]
                columns.append(EncryptedColumn(model, field.name, hashes[0] if hashes else ""))
    return sorted(columns, key=lambda column: column.label)


def _rotate_batch(
    column: EncryptedColumn,
    *,
    after: object,
    batch_size: int,
    rehash: bool,
    write: bool,
    count: RotationCount,
) -> object | None:
    """One batch after the primary key ``after``; returns the last key seen (None when done)."""
    manager = column.model._default_manager
    rows = manager.order_by("pk")
    if after is not None:
        rows = rows.filter(pk__gt=after)
    if write:
        rows = rows.select_for_update()
    names = ["pk", "raw", *([column.hash_field] if column.hash_field else [])]
    batch = list(
        rows.annotate(raw=Cast(column.field, output_field=models.TextField())).values_list(*names)[
            :batch_size
        ]
    )
    for pk, raw, *stored_hash in batch:
        count.rows += 1
        if not raw:
            continue
        clear = decrypt(raw)
        changes: dict[str, str] = {}
        if not is_current(raw):
            changes[column.field] = clear  # the field encrypts it with the first key on saving
            count.reencrypted += 1
        if column.hash_field and stored_hash[0] != identity_hash(clear):
            if rehash:
                changes[column.hash_field] = identity_hash(clear)
                count.rehashed += 1
            else:
                count.stale_hashes += 1
        if changes and write:
            manager.filter(pk=pk).update(**changes)
    return batch[-1][0] if batch else None


def identity_keys_rotate(
    *,
    rehash: bool = False,
    batch_size: int = 500,
    write: bool = True,
    progress: Callable[[RotationCount], None] | None = None,
) -> list[RotationCount]:
    """Re-encrypt every identity number with the first key (and, with ``rehash``, recompute its
    hash with ``TTDN_HASH_KEY``). With ``write=False`` only count what is left to do."""
    counts = []
    for column in encrypted_columns():
        count = RotationCount(column.label)
        after: object | None = None
        while True:
            with transaction.atomic():
                last = _rotate_batch(
                    column, after=after, batch_size=batch_size, rehash=rehash, write=write, count=count
                )
            if last is None:
                break
            after = last
            if progress is not None:
                progress(count)
        counts.append(count)
    return counts

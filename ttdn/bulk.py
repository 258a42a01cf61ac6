"""Writing many rows at once: the batch size every set-based service uses, and its chunks.

A set-based service (an import of thousands of rows) makes one statement per table per batch,
so its number of queries does not grow with the rows up to a batch. SQLite further splits an
INSERT at 999 parameters (Django does it for its own limit); PostgreSQL takes a batch whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

BATCH_SIZE = 2000

T = TypeVar("T")


def chunked(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size``: the values of one ``__in`` lookup each."""
    for start in range(0, len(items), size):
        yield items[start : start + size]

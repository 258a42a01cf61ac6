"""Admin-edited reference rows that busy pages show on every view (the badge layouts, the document
templates, the gifts' threshold), kept in the shared cache (Redis in production) until an admin
changes them, so that the case page reads them without a query (issue 18).

Any save or delete of one of a reference's models forgets it, at once and again when the
transaction commits (a page reading between the change and its commit cannot keep the old rows);
whatever else changes them (a migration, a queryset ``update()``) shows within ``TIMEOUT``. Only
pages read through here: a decision (the threshold of a gift being recorded) reads the database.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
logger = logging.getLogger(__name__)
TIMEOUT = 300  # seconds
_MISSING = object()


class Reference(Generic[T]):
    """``load()``'s value, shared by every process through the cache."""

    def __init__(self, name: str, load: Callable[[], T], *changed_by: type[models.Model]) -> None:
        self.name, self.load = name, load
        for model in changed_by:
            for signal in (post_save, post_delete):
                signal.connect(self._changed, sender=model, weak=False, dispatch_uid=f"reference:{name}")

    @property
    def key(self) -> str:
        # The database's name in it: two installations (or test runs) on one Redis never mix.
        return f"ttdn:reference:{settings.DATABASES['default']['NAME']}:{self.name}"

    def get(self) -> T:
        try:
            value: Any = cache.get(self.key, _MISSING)
        except Exception:  # the cache is down (a lost connection): the page reads the database
            logger.exception("The cache is unavailable: %s read from the database.", self.name)
            return self.load()
        if value is _MISSING:
            value = self.load()
            with contextlib.suppress(Exception):
                cache.set(self.key, value, TIMEOUT)
        return value

    def forget(self) -> None:
        try:
            cache.delete(self.key)
        except Exception:  # shown again within TIMEOUT once the cache is back
            logger.exception("The cache is unavailable: %s not forgotten.", self.name)

    def _changed(self, **kwargs: Any) -> None:
        self.forget()
        transaction.on_commit(self.forget)

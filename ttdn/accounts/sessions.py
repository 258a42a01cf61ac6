"""Sessions kept in the database and read through the shared cache (Django's ``cached_db``: a page
reads its session without a query), that keep working from the database alone while the cache is
down: a page never fails because Redis does (issue 18)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends import cached_db, db

logger = logging.getLogger("django.contrib.sessions")
UNAVAILABLE = "The session cache is unavailable (%s…): the database alone is used."


class SessionStore(cached_db.SessionStore):
    def load(self) -> dict[str, Any]:
        try:
            return super().load()
        except Exception:  # the cache's own errors (a lost connection): Django's catch, wider
            logger.exception(UNAVAILABLE, self.cache_key_prefix)
            return db.SessionStore.load(self)

    def exists(self, session_key: str) -> bool:
        try:
            return bool(super().exists(session_key))
        except Exception:
            logger.exception(UNAVAILABLE, self.cache_key_prefix)
            return db.SessionStore.exists(self, session_key)

    def delete(self, session_key: str | None = None) -> None:
        try:
            super().delete(session_key)  # the database's row first, then the cached copy
        except Exception:
            logger.exception(UNAVAILABLE, self.cache_key_prefix)

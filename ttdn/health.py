"""``GET /healthz``: is the database reachable, is the broker reachable."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return False


def broker_ok() -> bool:
    """Open a fresh connection to the broker, so a dead server is seen at once."""
    broker = Connection(
        settings.CELERY_BROKER_URL,
        transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        connect_timeout=BROKER_TIMEOUT_SECONDS,
    )
    try:
        broker.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT_SECONDS
        )
    except Exception:  # kombu raises the transport's own errors
        logger.warning("health check: broker unreachable", exc_info=True)
        return False
    finally:
        broker.release()
    return True


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_ok(), "broker": broker_ok()}
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "error",
        **{name: "ok" if ok else "down" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)

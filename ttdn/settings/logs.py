"""The ``LOGGING`` setting: one line per record on standard error, as JSON (production) or as
plain text (development), each with the id of the request or Celery task that wrote it.

django-guid keeps that id: its middleware takes a valid ``X-Request-ID`` from the request (nginx
sends one) or makes one, returns it in the response, and passes it in the headers of every task
queued during the request; a task started by beat gets a fresh one in the worker.
"""

from __future__ import annotations

from typing import Any

LOG_FORMATS = ("json", "plain")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
REQUEST_ID_HEADER = "X-Request-ID"


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            # The id of the request (or task) being served, as the record's ``request_id``.
            "request_id": {
                "()": "django_guid.log_filters.CorrelationId",
                "correlation_id_field": "request_id",
            },
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": ["asctime", "levelname", "name", "message", "request_id"],
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
                "json_ensure_ascii": False,
            },
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s [request_id=%(request_id)s]"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # WeasyPrint tells each step of each PDF at INFO, and fontTools each subset: too chatty.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            # django-axes greets every process at INFO; lockouts are WARNING.
            "axes": {"level": "WARNING"},
            # django-guid tells at INFO each id it takes or makes; a malformed one is a WARNING.
            "django_guid": {"level": "WARNING"},
        },
    }

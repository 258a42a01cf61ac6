"""The Celery app, ``ttdn.celery:app``: ``celery -A ttdn worker`` and ``celery -A ttdn beat``."""

import logging.config
import os
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.settings.base")

# DjangoTask adds delay_on_commit: queue work only once the transaction that asked for it commits.
app = Celery("ttdn", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_embedded_broker_folders(sender: Celery, **kwargs: Any) -> None:
    """Without Redis the broker is a folder: make it before the first message needs it."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@setup_logging.connect
def _log_as_django_does(**kwargs: Any) -> None:
    """The worker and beat log with Django's LOGGING (JSON in production, with the request id),
    instead of Celery's own handlers on the root logger."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)

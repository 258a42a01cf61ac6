"""Sending mail from the worker, never from a request: a slow mail server slows no page."""

from __future__ import annotations

import logging
from functools import partial
from smtplib import SMTPException
from typing import Any

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=900,  # well inside Redis's visibility timeout (a countdown past it runs twice)
    retry_jitter=True,
    max_retries=8,
)
def send_email(*, to: list[str], subject: str, body: str, html_body: str = "") -> None:
    """Send one rendered message; safe to retry, since nothing else happens here."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


def queue_email(*, to: list[str], subject: str, body: str, html_body: str = "") -> None:
    """Send a message from the worker once the current transaction commits (never before).
    With the broker down the page still answers; the message is logged as lost (the user can ask
    again). Reminders do not go this way: they wait in the database for the next sweep."""
    transaction.on_commit(partial(_publish, to=to, subject=subject, body=body, html_body=html_body))


def _publish(**message: Any) -> None:
    try:
        send_email.delay(**message)
    except Exception:
        logger.error("the broker is down: an e-mail to %s was not queued", message.get("to"), exc_info=True)

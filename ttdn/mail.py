"""Sending mail from the worker, never from a request: a slow mail server slows no page."""

from __future__ import annotations

from functools import partial
from smtplib import SMTPException

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
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
    """Send a message from the worker once the current transaction commits (never before)."""
    transaction.on_commit(partial(send_email.delay, to=to, subject=subject, body=body, html_body=html_body))

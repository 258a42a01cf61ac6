"""The reminder engine's tasks. They hold no rules: the sweep and delivery modules do."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import shared_task

from ttdn.notifications.delivery import digest_recipients, digest_send, notification_send
from ttdn.notifications.sweep import reminders_sweep

logger = logging.getLogger(__name__)

# A mail server that is down or slow: try again later, backing off, with jitter so that a
# backlog does not hammer it at once when it comes back.
RETRY_ON = (SMTPException, OSError)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def sweep() -> int:
    """Beat runs this every few minutes; two at once create nothing twice."""
    result = reminders_sweep()
    logger.info("reminder sweep: %s rule(s), %s new notification(s)", result.rules_run, len(result.created))
    return len(result.created)


@shared_task(
    acks_late=True,
    autoretry_for=RETRY_ON,
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=12,
)
def send_notification(notification_id: int) -> str:
    outcome = notification_send(notification_id)
    logger.info("notification %s: %s", notification_id, outcome)
    return outcome


@shared_task(acks_late=True)
def send_digests() -> int:
    """Once a day: one task per user who chose the digest and has something pending."""
    users = digest_recipients()
    for user_id in users:
        send_digest.delay(user_id)
    return len(users)


@shared_task(
    acks_late=True,
    autoretry_for=RETRY_ON,
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=12,
)
def send_digest(user_id: int) -> int:
    return digest_send(user_id)

"""The reminder engine's tasks. They hold no rules: the sweep and delivery modules do."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import Task, shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.core.mail import BadHeaderError

from ttdn.notifications.delivery import (
    digest_recipients,
    digest_send,
    notification_send,
    notification_send_failed,
)
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


@shared_task(bind=True, acks_late=True, max_retries=5)
def send_notification(self: Task, notification_id: int) -> str:
    """Send one notification. A mail server that is down: quick retries with exponential backoff
    and full jitter (at most 15 minutes apart, well inside Redis's visibility timeout); then the row
    waits for a later sweep, and after several such rounds it is marked failed."""
    try:
        outcome = notification_send(notification_id)
    except BadHeaderError:  # a message that can never be sent: do not retry it forever
        outcome = notification_send_failed(notification_id, permanent=True)
    except RETRY_ON as error:
        if self.request.retries < (self.max_retries or 0):
            delay = get_exponential_backoff_interval(60, self.request.retries, 900, full_jitter=True)
            raise self.retry(exc=error, countdown=delay) from error
        outcome = notification_send_failed(notification_id, permanent=False)
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
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=5,
)
def send_digest(user_id: int) -> int:
    """A digest that still fails waits for tomorrow's: its notifications stay pending."""
    return digest_send(user_id)

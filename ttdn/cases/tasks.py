"""Periodic work on cases. Tasks hold no rules of their own: they call the services."""

from __future__ import annotations

import logging

from celery import shared_task

from ttdn.cases.services.retention import kinds_records_clear_due, people_anonymise_due
from ttdn.cases.services.workflow import cases_follow_calendar

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def follow_calendar() -> int:
    """Approved visits start on their first day and complete after their last. Safe to run twice:
    each case is moved under a row lock, only from the state it must be in."""
    moved = cases_follow_calendar()
    for reference, status in moved:
        logger.info("calendar moved %s to %s", reference, status)
    return len(moved)


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1700)
def anonymise_due_people() -> int:
    """Daily: anonymise the people whose every case is past its kind's retention period, and have
    the kinds clear their own identity records on those cases. Safe to run twice: anonymised
    people are marked and never due again; a cleared record has nothing left to clear."""
    count = people_anonymise_due()
    logger.info("retention: %s people anonymised", count)
    cleared = kinds_records_clear_due()
    logger.info("retention: %s records of the kinds cleared", cleared)
    return count

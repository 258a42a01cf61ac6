"""Periodic work of the NGO registry. Tasks hold no rules of their own: they call the services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from ngos.services.filings import annual_reports_owe

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def owe_annual_reports() -> int:
    """Daily: the current year's annual report is owed by every NGO certified in the year (one
    certified since yesterday too), due on the date the admins set. Safe to run twice: a filing is
    made once per NGO and year, and only its due date follows a change of that date."""
    year = timezone.localdate().year
    owed = annual_reports_owe(year=year)
    logger.info("NGO annual reports %s: %s owed", year, len(owed))
    return len(owed)

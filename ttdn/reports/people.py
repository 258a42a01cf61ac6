"""Who was in the visits, for the figures that the kinds add to the report: conditions on a
participant, which the report counts as distinct people (one person in two visits counts once)."""

from __future__ import annotations

from django.db.models import Q

HOME_COUNTRY = "VN"

VIETNAMESE = Q(person__nationality=HOME_COUNTRY)
FOREIGNERS = ~Q(person__nationality=HOME_COUNTRY)

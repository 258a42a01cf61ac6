"""Who was in the visits, for the figures that the kinds add to the report: conditions on a
participant, which the report counts as distinct people (one person in two visits counts once).

They read the participant's copy of the person's nationality (``Participant.nationality``): the
report need not join every participant of two years to the persons (issue 18)."""

from __future__ import annotations

from django.db.models import Q

HOME_COUNTRY = "VN"

VIETNAMESE = Q(nationality=HOME_COUNTRY)
FOREIGNERS = ~Q(nationality=HOME_COUNTRY)

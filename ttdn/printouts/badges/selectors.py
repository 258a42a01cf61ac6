"""Reads of the badges: the layouts offered, and the badge a QR code names."""

from __future__ import annotations

from django.db.models import QuerySet

from ttdn.accounts.models import User
from ttdn.cases.models import Case, Participant
from ttdn.cases.selectors import cases_visible_to
from ttdn.printouts.badges.tokens import badge_claim
from ttdn.printouts.models import BadgeLayout


def layouts_of(kind: str) -> QuerySet[BadgeLayout]:
    """The layouts of ``kind``, the default first."""
    return BadgeLayout.objects.filter(kind=kind).order_by("-is_default", "name")


def badge_holder(*, user: User, token: str) -> Participant | None:
    """The participant a badge's token names, on a case ``user`` may see; None for a token not
    signed here, a participant since removed, or a case the user may not see."""
    claim = badge_claim(token)
    if claim is None:
        return None
    case: Case | None = cases_visible_to(user).filter(pk=claim.case_id).first()
    if case is None:
        return None
    participant = (
        case.participants.select_related("person", "person__organisation")
        .filter(pk=claim.participant_id)
        .first()
    )
    if participant is not None:
        participant.case = case  # the case as the selector gave it
    return participant

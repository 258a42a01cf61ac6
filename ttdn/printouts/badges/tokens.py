"""The token a badge's QR code carries: the participant's and the case's ids, signed with the
site's key and a salt of its own (django.core.signing). It cannot be made up or counted through:
a changed character is refused; it holds no name."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "ttdn.printouts.badge"


@dataclass(frozen=True)
class BadgeClaim:
    case_id: int
    participant_id: int


def badge_token(*, case_id: int, participant_id: int) -> str:
    return signing.dumps([case_id, participant_id], salt=SALT, compress=False)


def badge_claim(token: str) -> BadgeClaim | None:
    """What ``token`` says, or None when it was not signed here (tampered, made up, truncated)."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
    ):
        return None
    return BadgeClaim(case_id=value[0], participant_id=value[1])

"""Who made a change: ``stamp`` names the user of the next save in its simple-history row.

Why it was made (a reason, a decision's note) is an event of the case (``ttdn.cases.events``),
kept whole; the case timeline (``ttdn.cases.timeline``) reads both.
"""

from __future__ import annotations

from django.db import models

from ttdn.accounts.models import User


def stamp(instance: models.Model, actor: User | None) -> None:
    """Name who makes the next save of ``instance`` in its history."""
    instance._history_user = actor  # type: ignore[attr-defined]

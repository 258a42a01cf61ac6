"""Demo data: outbound delegations (seed_demo)."""

from __future__ import annotations


def seed(**kwargs: object) -> None:
    return None

"""Amounts of money (VND, whole đồng: integers) and figures as the reader's language writes them:
``1.500.000`` in Vietnamese, ``1,500,000`` in English."""

from __future__ import annotations

from typing import Any

from django.utils import formats


def money(value: int | None) -> str:
    """``value`` with the active language's thousands separators; empty for no amount."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, decimal_pos=0, force_grouping=True)


def vnd(value: int | None) -> str:
    """``1.500.000 ₫`` (a non-breaking space before the sign); empty for no amount."""
    return f"{money(value)}\u00a0₫" if value is not None and value != "" else ""


def figure(value: Any) -> Any:
    """A whole number grouped as ``money`` does; anything else (a label, a month) as it is."""
    return money(value) if isinstance(value, int) and not isinstance(value, bool) else value

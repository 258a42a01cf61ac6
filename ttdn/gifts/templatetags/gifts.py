from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def vnd(value: int | None) -> str:
    """An amount in VND with the reader's thousands separators (500.000 in Vietnamese)."""
    return "" if value is None else number_format(value, decimal_pos=0, force_grouping=True)

from django import template

from ttdn.budget.exports import money

register = template.Library()


@register.filter
def vnd(value: int | None) -> str:
    """``1.500.000 ₫`` in Vietnamese (the active language's thousands separator)."""
    return "" if value is None or value == "" else f"{money(value)}\u00a0₫"

from __future__ import annotations

from django import template
from django.http import QueryDict

from ttdn.paging import PAGE_SIZES

register = template.Library()


@register.simple_tag
def sort_link(query: str, current: str, field: str) -> str:
    """The query string that sorts by ``field``, flipping the direction when it already does."""
    params = QueryDict(query, mutable=True)
    params["sort"] = f"-{field}" if current == field else field
    params.pop("page", None)
    return f"?{params.urlencode()}"


@register.simple_tag
def page_sizes() -> tuple[int, ...]:
    return PAGE_SIZES


@register.simple_tag
def page_size_link(query: str, size: int) -> str:
    """The list from its first page, ``size`` rows a page."""
    params = QueryDict(query, mutable=True)
    params["per_page"] = str(size)
    return f"?{params.urlencode()}"


@register.simple_tag
def page_link(query: str, number: int) -> str:
    params = QueryDict(query, mutable=True)
    params["page"] = str(number)
    return f"?{params.urlencode()}"

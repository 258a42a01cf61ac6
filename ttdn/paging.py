"""One pagination for every list: the page a user asked for, with as many rows as they chose
(``?per_page=``, one of ``PAGE_SIZES``; anything else is the list's default)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZES = (25, 50, 100)


def page_size(request: HttpRequest, *, default: int = PAGE_SIZES[0]) -> int:
    asked = request.GET.get("per_page", "")
    return int(asked) if asked in {str(size) for size in PAGE_SIZES} else default


class CountedPaginator(Paginator):
    """A paginator whose total comes from ``count`` (the same number, read a cheaper way)."""

    def __init__(self, object_list: Any, per_page: int, *, count: Callable[[], int]) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


def page_of(
    request: HttpRequest,
    items: Any,
    *,
    default: int = PAGE_SIZES[0],
    count: Callable[[], int] | None = None,
) -> Page[Any]:
    """The page of ``items`` that ``request`` asks for (``?page=``: a number, or ``last``).
    ``count``: how many ``items`` there are, where the caller knows a cheaper way to count them."""
    size = page_size(request, default=default)
    paginator = Paginator(items, size) if count is None else CountedPaginator(items, size, count=count)
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The list's filters (and page size), for its page links (an export's format left out)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()

"""Checks every request passes before any view reads it (issue 16, "hostile input").

What no view of the site can use is refused here with a 400 and a message, for the pages, the
admin and the API alike, instead of reaching a query or a date and answering 500:

- a NUL character in the path or a GET parameter: PostgreSQL refuses it in any text value;
- a whole number beyond 64 bits, as a path segment or a GET value: beyond any id or count the
  databases hold (SQLite cannot even bind it);
- a part of a date the admin's date hierarchy reads (``<field>__year``, ``__month``, ``__day``)
  that makes no date: Django's admin computes the next year or month of it unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

WHOLE_NUMBER = re.compile(r"[+-]?\d+")
LARGEST = 2**63 - 1
# The date hierarchy's parameters, and the values that make a date whose next year, month or
# day is a date too.
DATE_PARTS = {"__year": range(1, 9999), "__month": range(1, 13), "__day": range(1, 32)}


def _beyond_64_bits(value: str) -> bool:
    return bool(WHOLE_NUMBER.fullmatch(value)) and abs(int(value)) > LARGEST


def _not_a_date_part(key: str, value: str) -> bool:
    for suffix, allowed in DATE_PARTS.items():
        if key.endswith(suffix):
            return not (value.isdigit() and len(value) <= 4 and int(value) in allowed)
    return False


def _parameters(request: HttpRequest) -> Iterator[tuple[str, str]]:
    for key, values in request.GET.lists():
        for value in values:
            yield key, value


def refusal_reason(request: HttpRequest) -> str | None:
    """Why the request cannot be answered, or None."""
    parameters = list(_parameters(request))
    if "\x00" in request.path_info or any("\x00" in key + value for key, value in parameters):
        return _("The address holds a NUL character, which no page of this site accepts.")
    segments = request.path_info.split("/")
    if any(_beyond_64_bits(value) for value in segments + [value for _key, value in parameters]):
        return _("The address holds a number larger than any this site counts or stores.")
    for key, value in parameters:
        if _not_a_date_part(key, value):
            return _("“%(value)s” is not a part of a date this list can show.") % {"value": value[:20]}
    return None


class RejectHostileInputMiddleware:
    """Answers 400 with the reason to a request ``refusal_reason`` refuses.

    It stands after the middleware that adds the security headers to an answer (the CSP among
    them), so that its own answer carries them too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = refusal_reason(request)
        if reason is None:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": reason}, status=400)
        return render(request, "400.html", {"reason": reason}, status=400)

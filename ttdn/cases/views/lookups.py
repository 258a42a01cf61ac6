"""What the search boxes of the forms load as one types (static/js/inputs.js): a few matches, as
JSON, from the access policy's selectors: nobody is offered a person or a case they may not see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from ttdn.cases.selectors import cases_matching, people_matching
from ttdn.cases.views.decorators import request_user

QUERY_MAX_LENGTH = 100


def _query(request: HttpRequest) -> str:
    return request.GET.get("q", "")[:QUERY_MAX_LENGTH]


def _answer(results: list[dict[str, object]]) -> JsonResponse:
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def people_lookup(request: HttpRequest) -> JsonResponse:
    """Registered persons: name, nationality, year of birth, position, organisation; what tells
    namesakes apart, and nothing more (no passport: the row links the person by their id)."""
    people = people_matching(user=request_user(request), query=_query(request))
    return _answer(
        [
            {
                "value": person.pk,
                "text": person.full_name,
                "nationality": person.nationality.code,
                "nationality_name": str(person.nationality.name),
                "born": person.date_of_birth.year if person.date_of_birth else None,
                "sex": person.sex,
                "position": person.position,
                "organisation": person.organisation.name if person.organisation else "",
            }
            for person in people
        ]
    )


@login_required
@require_GET
def cases_lookup(request: HttpRequest) -> JsonResponse:
    cases = cases_matching(user=request_user(request), query=_query(request))
    return _answer([{"value": case.pk, "text": f"{case.reference} · {case.title}"} for case in cases])

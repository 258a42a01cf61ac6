"""The badges and place cards in the API, as PDF:

``GET /api/v1/cases/{id}/badges/?layout=ID`` and ``GET /api/v1/cases/{id}/place-cards/?layout=ID``
(without ``layout``, the default layout of its kind). The same rules as the case page: a case the
user may not see is a 404; a role that may not print for the guests, a 403; a case with nobody to
print for, a 409. Each call is a printing, logged on the case's timeline."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

from ttdn.accounts.models import User
from ttdn.api.permissions import refuse
from ttdn.cases.policy import may_print_for_guests
from ttdn.cases.selectors import case_get_for
from ttdn.printouts.badges import services
from ttdn.printouts.badges.layouts import Kind
from ttdn.printouts.badges.selectors import layouts_of
from ttdn.printouts.models import BadgeLayout
from ttdn.printouts.pdf import pdf_response

LAYOUT = OpenApiParameter(
    "layout",
    OpenApiTypes.INT,
    description="A layout's id (the admin's badge layouts); the default one if left out.",
)
PDF = {
    (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF, A4 sheets."),
}


def _layout(request: Request, kind: Kind) -> BadgeLayout:
    asked = request.query_params.get("layout")
    layouts = layouts_of(kind)
    if asked is None:
        layout = layouts.first()
    elif not asked.isdigit():
        raise ValidationError({"layout": [_("A layout id is a number.")]})
    else:
        layout = layouts.filter(pk=int(asked)).first()
    if layout is None:
        raise ValidationError({"layout": [_("No layout of this kind has this id.")]})
    return layout


class _CardsPdfView(APIView):
    kind: Kind

    def _pdf(self, request: Request, pk: int) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)  # noqa: S101 - HasRole
        case = case_get_for(user=user, pk=pk)
        refuse(may_print_for_guests(user=user, case=case))
        layout = _layout(request, self.kind)
        if self.kind == Kind.BADGE:
            pdf = services.badges_print(actor=user, case=case, layout=layout)
            return pdf_response(pdf, f"{case.reference}-badges.pdf", attachment=True)
        pdf = services.place_cards_print(actor=user, case=case, layout=layout)
        return pdf_response(pdf, f"{case.reference}-place-cards.pdf", attachment=True)


class CaseBadgesView(_CardsPdfView):
    """The name badges of a case's guests, as PDF (protocol staff)."""

    kind = Kind.BADGE

    @extend_schema(parameters=[LAYOUT], responses=PDF)
    def get(self, request: Request, pk: int) -> HttpResponse:
        return self._pdf(request, pk)


class CasePlaceCardsView(_CardsPdfView):
    """The place cards (folded A4 tent cards) of a case's guests and hosts, as PDF (protocol staff)."""

    kind = Kind.PLACE_CARD

    @extend_schema(parameters=[LAYOUT], responses=PDF)
    def get(self, request: Request, pk: int) -> HttpResponse:
        return self._pdf(request, pk)

"""The order of precedence of a case in the API, under the same rules as its pages: whoever may
see the case reads it (a 404 otherwise); whoever may edit the case writes it.

``GET``/``PUT /api/v1/cases/{id}/hosts/``: the host officials (a PUT gives them all: an ``id``
keeps and edits one, a row without adds one, one left out is removed). ``GET``/``PATCH
/api/v1/cases/{id}/ranks/``: the guests' ranks (a PATCH names the participants it changes).
``GET /api/v1/cases/{id}/precedence.pdf`` and ``/seating.pdf``: the print-outs."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ttdn.accounts.models import Agency, User
from ttdn.api.permissions import refuse
from ttdn.cases.models import Case, CaseHost, Participant
from ttdn.cases.models.hosts import RANK_FIELD_BOUNDS
from ttdn.cases.policy import may_edit
from ttdn.cases.selectors import case_get_for
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.cases.services.hosts import HostData, case_hosts_set, participants_rank
from ttdn.printouts.pdf import pdf_response
from ttdn.printouts.seating_pdf import precedence_pdf, seating_pdf
from ttdn.printouts.selectors_seating import case_hosts, case_participants


class HostSerializer(serializers.ModelSerializer[CaseHost]):
    id = serializers.IntegerField(required=False, allow_null=True)
    agency: serializers.SlugRelatedField[Agency] = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="The agency's code (GET /agencies/).",
    )

    class Meta:
        model = CaseHost
        fields = ["id", "name", "position", "position_translated", "agency", "rank"]
        extra_kwargs = {"rank": RANK_FIELD_BOUNDS}


class RankSerializer(serializers.Serializer):
    participant = serializers.IntegerField(help_text="The participant's id.")
    full_name = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=Participant.Role.choices, read_only=True)
    rank = serializers.IntegerField(allow_null=True, **RANK_FIELD_BOUNDS)


def _user(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - HasRole
    return request.user


def _case(request: Request, pk: int, *, edit: bool = False) -> Case:
    user = _user(request)
    case = case_get_for(user=user, pk=pk)
    if edit:
        refuse(may_edit(user=user, case=case))
    return case


def _read(request: Request, pk: int, *, detail: str) -> Case:
    """The case for a read, logged on it if restricted (as its pages are)."""
    case = _case(request, pk)
    access_log_restricted_reads(request=request._request, user=_user(request), cases=[case], detail=detail)
    return case


def _ranks(case: Case) -> list[dict[str, Any]]:
    return [
        {"participant": p.pk, "full_name": p.person.full_name, "role": p.role, "rank": p.rank}
        for p in case_participants(case)
    ]


class CaseHostsView(APIView):
    @extend_schema(responses={200: HostSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        case = _read(request, pk, detail="api host officials")
        return Response(HostSerializer(case_hosts(case), many=True).data)

    @extend_schema(request=HostSerializer(many=True), responses={200: HostSerializer(many=True)})
    def put(self, request: Request, pk: int) -> Response:
        case = _case(request, pk, edit=True)
        given = HostSerializer(data=request.data, many=True)
        given.is_valid(raise_exception=True)
        rows = [HostData.typed(row, pk=row.get("id")) for row in given.validated_data]
        hosts = case_hosts_set(actor=_user(request), case=case, hosts=rows)
        return Response(HostSerializer(hosts, many=True).data)


class CaseRanksView(APIView):
    @extend_schema(responses={200: RankSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        case = _read(request, pk, detail="api order of the guests")
        return Response(RankSerializer(_ranks(case), many=True).data)

    @extend_schema(request=RankSerializer(many=True), responses={200: RankSerializer(many=True)})
    def patch(self, request: Request, pk: int) -> Response:
        case = _case(request, pk, edit=True)
        given = RankSerializer(data=request.data, many=True)
        given.is_valid(raise_exception=True)
        ranks = {row["participant"]: row["rank"] for row in given.validated_data}
        if len(ranks) != len(given.validated_data):
            raise ValidationError({"participant": ["A participant is named twice."]})
        participants_rank(actor=_user(request), case=case, ranks=ranks)
        return Response(RankSerializer(_ranks(case), many=True).data)


PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)}


class CasePrecedencePdfView(APIView):
    @extend_schema(responses=PDF)
    def get(self, request: Request, pk: int) -> HttpResponse:
        case = _read(request, pk, detail="order of precedence")
        return pdf_response(precedence_pdf(case), f"{case.reference}-precedence.pdf")


class CaseSeatingPdfView(APIView):
    @extend_schema(
        responses=PDF,
        parameters=[
            OpenApiParameter(
                "entrance", OpenApiTypes.STR, enum=["hosts", "guests"], description="Show the door."
            )
        ],
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        case = _read(request, pk, detail="seating plan")
        content = seating_pdf(case, entrance=request.query_params.get("entrance", ""))
        return pdf_response(content, f"{case.reference}-seating.pdf")

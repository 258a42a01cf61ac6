"""The REST API of report requests and contributions (``/api/v1/report-requests/``,
``/api/v1/contributions/``): the same selectors, policy and services as the pages; what a user may
not see is a 404, what their role may not do a 403, a state that forbids it a 409, bad input a 400."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ttdn.accounts.models import Agency
from ttdn.api.fields import CodeRelatedField
from ttdn.api.permissions import api_user, refuse
from ttdn.api.serializers import ReportQuerySerializer
from ttdn.reports.contributions import policy, services
from ttdn.reports.contributions.selectors import (
    contributions_visible_to,
    request_list_for,
    requests_visible_to,
)
from ttdn.reports.models import SECTIONS, Contribution, ReportRequest
from ttdn.reports.periods import Period

TEXTS = [name for name, _title in SECTIONS]


def _bad_input(error: DjangoValidationError | ValueError) -> ValidationError:
    if isinstance(error, ValueError):
        return ValidationError({"detail": [str(error)]})
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


class ContributionSerializer(serializers.ModelSerializer):
    agency: serializers.SlugRelatedField[Agency] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Contribution
        fields = [
            "id", "request", "agency", "status", *TEXTS, "figures", "progress", "submitted_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "id",
            "request",
            "agency",
            "status",
            "figures",
            "progress",
            "submitted_at",
            "updated_at",
        ]


class ContributionTextsSerializer(serializers.Serializer):
    results = serializers.CharField(required=False, allow_blank=True, max_length=services.TEXT_MAX)
    difficulties = serializers.CharField(required=False, allow_blank=True, max_length=services.TEXT_MAX)
    next_steps = serializers.CharField(required=False, allow_blank=True, max_length=services.TEXT_MAX)
    proposals = serializers.CharField(required=False, allow_blank=True, max_length=services.TEXT_MAX)


class ReportRequestSerializer(serializers.ModelSerializer):
    agencies: serializers.SlugRelatedField[Agency] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    document = serializers.SerializerMethodField()

    class Meta:
        model = ReportRequest
        fields = [
            "id", "title", "basis", "period_year", "period_quarter", "period_half", "period_start", "period_end",
            "period_label", "due_on", "instructions", "agencies", "status", "sent_at", "compiled_at", "document",
        ]  # fmt: skip
        read_only_fields = fields

    def get_document(self, request: ReportRequest) -> str | None:
        return request.document.number_label if request.document else None


class ReportRequestCreateSerializer(ReportQuerySerializer):
    """The period as the report's API takes it (year and quarter or half-year on a basis, or two
    dates), plus the request's own fields."""

    title = serializers.CharField(max_length=255)
    due_on = serializers.DateField()
    agencies = CodeRelatedField(
        slug_field="code", many=True, queryset=Agency.objects.filter(is_active=True), allow_empty=False
    )
    instructions = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ReportRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Requests the user may see; protocol staff create (a draft), ``send``, ``remind`` and
    ``compile``."""

    serializer_class = ReportRequestSerializer

    def get_queryset(self) -> QuerySet[ReportRequest]:
        user = self.request.user
        if self.action == "list":
            return request_list_for(user=user).select_related("document").prefetch_related("agencies")
        return requests_visible_to(user).select_related("document").prefetch_related("agencies")

    @extend_schema(request=ReportRequestCreateSerializer, responses={201: ReportRequestSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = api_user(request)
        refuse(policy.may_manage_requests(user=user))
        asked = ReportRequestCreateSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = dict(asked.validated_data)
        try:
            period = Period.chosen(
                **{k: data.get(k) for k in ("year", "quarter", "half", "start", "end", "basis")}
            )
            created = services.request_create(
                actor=user,
                data=services.RequestData(
                    title=data["title"], period=period, due_on=data["due_on"], agencies=list(data["agencies"]),
                    instructions=data["instructions"],
                ),
            )  # fmt: skip
        except (DjangoValidationError, ValueError) as error:
            raise _bad_input(error) from error
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    def _act(self, request: Request, verb: str) -> Response:
        user = api_user(request)
        report_request = self.get_object()
        refuse(policy.may_manage_requests(user=user))
        try:
            if verb == "send":
                services.request_send(actor=user, request=report_request)
            elif verb == "remind":
                services.request_remind(actor=user, request=report_request)
            else:
                services.request_compile(actor=user, request=report_request)
        except DjangoValidationError as error:
            raise _bad_input(error) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=report_request.pk)).data)

    @extend_schema(request=None, responses={200: ReportRequestSerializer})
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "send")

    @extend_schema(request=None, responses={200: ReportRequestSerializer})
    @action(detail=True, methods=["post"])
    def remind(self, request: Request, pk: str | None = None) -> Response:
        """Remind, once per call, every agency that has not submitted."""
        return self._act(request, "remind")

    @extend_schema(request=None, responses={200: ReportRequestSerializer})
    @action(detail=True, methods=["post"])
    def compile(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "compile")


class ContributionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The contributions the user may see; its agency's staff save the texts (``PATCH``) and
    ``submit``."""

    serializer_class = ContributionSerializer

    def get_queryset(self) -> QuerySet[Contribution]:
        return contributions_visible_to(self.request.user).select_related("agency").order_by("request", "pk")

    def _write(self, request: Request, service: Callable[..., Contribution]) -> Response:
        """Save or submit the contribution with the texts given (the others kept as they are)."""
        user = api_user(request)
        contribution = self.get_object()
        refuse(policy.may_edit_contribution(user=user, contribution=contribution))
        texts = ContributionTextsSerializer(data=request.data)
        texts.is_valid(raise_exception=True)
        given = {name: texts.validated_data.get(name, getattr(contribution, name)) for name in TEXTS}
        try:
            written = service(actor=user, contribution=contribution, texts=given)
        except DjangoValidationError as error:
            raise _bad_input(error) from error
        return Response(self.get_serializer(written).data)

    @extend_schema(request=ContributionTextsSerializer, responses={200: ContributionSerializer})
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        return self._write(request, services.contribution_save)

    @extend_schema(request=ContributionTextsSerializer, responses={200: ContributionSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Submit (with the texts given, if any): it can no longer be changed."""
        return self._write(request, services.contribution_submit)

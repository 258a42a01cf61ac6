"""The gifts register in the API, under a case:

``GET|POST /api/v1/cases/{id}/gifts-given/``, ``GET|PATCH /api/v1/cases/{id}/gifts-given/{gift}/``;
the same for ``gifts-received``, and ``POST /api/v1/cases/{id}/gifts-received/{gift}/hand-in/``
(the declaration and the hand-in). A case the user may not see is a 404; police and host agency
staff, who may see the case but not its finances, get a 403; so do leaders and administrators
who write (they read). Gifts recorded or changed on a finished case are a 409; a declaration and
hand-in is recorded whatever the case's status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ttdn.api.permissions import api_user, refuse
from ttdn.cases.models import Case
from ttdn.cases.policy import CaseRule, may_edit_finances, may_record_gift_hand_in, may_see_finances
from ttdn.cases.selectors import case_get_for
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.gifts import services
from ttdn.gifts.models import GiftGiven, GiftReceived
from ttdn.gifts.selectors import received_status


class GiftGivenSerializer(serializers.ModelSerializer[GiftGiven]):
    class Meta:
        model = GiftGiven
        fields = [
            "id", "case", "participant", "recipient_text", "description", "quantity", "value", "budget_line",
            "budget_line_text", "approved_by", "given_on",
        ]  # fmt: skip
        read_only_fields = ["id", "case"]


class GiftReceivedSerializer(serializers.ModelSerializer[GiftReceived]):
    status = serializers.SerializerMethodField(help_text="under_threshold, to_declare, overdue or handed_in.")
    decision = serializers.ChoiceField(
        choices=GiftReceived.Decision.choices,
        allow_blank=True,
        read_only=True,
        help_text="Empty until decided.",
    )

    class Meta:
        model = GiftReceived
        fields = [
            "id", "case", "from_participant", "from_organisation", "from_text", "recipient_user",
            "recipient_name", "description", "estimated_value", "above_threshold", "received_on", "hand_in_due",
            "status", "declared_on", "handed_in_on", "handed_to", "decision", "notes",
        ]  # fmt: skip
        read_only_fields = ["id", "case", "above_threshold", "hand_in_due", "declared_on", "handed_in_on",
                            "handed_to", "decision", "notes"]  # fmt: skip

    def get_status(self, gift: GiftReceived) -> str:
        return received_status(gift, timezone.localdate()).code


class HandInSerializer(serializers.ModelSerializer[GiftReceived]):
    class Meta:
        model = GiftReceived
        fields = ["declared_on", "handed_in_on", "handed_to", "decision", "notes"]


def _saved(save: Any) -> Any:
    try:
        return save()
    except DjangoValidationError as error:
        raise ValidationError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from error


@dataclass(frozen=True)
class GiftKind:
    model: type[models.Model]
    serializer: type[serializers.ModelSerializer[Any]]
    save: Callable[..., Any]  # the service: (*, actor, case, gift)


GIVEN = GiftKind(GiftGiven, GiftGivenSerializer, services.gift_given_save)
RECEIVED = GiftKind(GiftReceived, GiftReceivedSerializer, services.gift_received_save)


class _CaseGifts(APIView):
    kind: ClassVar[GiftKind]

    def case(self, request: Request, pk: int, *, write: CaseRule | None = None) -> Case:
        """The case, through the one selector (404), if the user may see its finances (403) and,
        to write, if ``write`` allows it; a restricted case's read goes on its history, as the
        pages' do."""
        user = api_user(request)
        case = case_get_for(user=user, pk=pk)
        refuse(may_see_finances(user=user, case=case))
        if write is not None:
            refuse(write(user=user, case=case))
        access_log_restricted_reads(request=request._request, user=user, cases=[case], detail="api gifts")
        return case

    def gift(self, case: Case, gift_pk: int) -> Any:
        gift = self.kind.model._default_manager.filter(case=case, pk=gift_pk).first()
        if gift is None:
            raise Http404
        return gift

    def save(self, request: Request, case: Case, gift: Any) -> Any:
        return _saved(lambda: self.kind.save(actor=api_user(request), case=case, gift=gift))


class _ListCreate(_CaseGifts):
    def get(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        gifts = self.kind.model._default_manager.filter(case=case).order_by("pk")
        return Response(self.kind.serializer(gifts, many=True).data)

    def post(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk, write=may_edit_finances)
        asked = self.kind.serializer(data=request.data)
        asked.is_valid(raise_exception=True)
        gift = self.save(request, case, self.kind.model(case=case, **asked.validated_data))
        return Response(self.kind.serializer(gift).data, status=status.HTTP_201_CREATED)


class _Detail(_CaseGifts):
    def get(self, request: Request, pk: int, gift_pk: int) -> Response:
        return Response(self.kind.serializer(self.gift(self.case(request, pk), gift_pk)).data)

    def patch(self, request: Request, pk: int, gift_pk: int) -> Response:
        case = self.case(request, pk, write=may_edit_finances)
        gift = self.gift(case, gift_pk)
        asked = self.kind.serializer(gift, data=request.data, partial=True)
        asked.is_valid(raise_exception=True)
        for name, value in asked.validated_data.items():
            setattr(gift, name, value)
        return Response(self.kind.serializer(self.save(request, case, gift)).data)


def _list_schema(serializer: type[serializers.ModelSerializer[Any]]) -> Any:
    return extend_schema_view(
        get=extend_schema(responses=serializer(many=True)),
        post=extend_schema(request=serializer, responses={201: serializer}),
    )


@_list_schema(GiftGivenSerializer)
class CaseGiftsGivenView(_ListCreate):
    """The gifts given on a case."""

    kind = GIVEN


@extend_schema(request=GiftGivenSerializer, responses=GiftGivenSerializer)
class CaseGiftGivenView(_Detail):
    """One gift given."""

    kind = GIVEN


@_list_schema(GiftReceivedSerializer)
class CaseGiftsReceivedView(_ListCreate):
    """The gifts received on a case."""

    kind = RECEIVED


@extend_schema(request=GiftReceivedSerializer, responses=GiftReceivedSerializer)
class CaseGiftReceivedView(_Detail):
    """One gift received."""

    kind = RECEIVED


class CaseGiftHandInView(_CaseGifts):
    """The declaration and hand-in of a gift received; once handed in, no more reminders."""

    kind = RECEIVED

    @extend_schema(request=HandInSerializer, responses=GiftReceivedSerializer)
    def post(self, request: Request, pk: int, gift_pk: int) -> Response:
        case = self.case(request, pk, write=may_record_gift_hand_in)
        gift = self.gift(case, gift_pk)
        asked = HandInSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        handed = _saved(
            lambda: services.gift_received_hand_in(
                actor=api_user(request),
                gift=gift,
                declared_on=data.get("declared_on"),
                handed_in_on=data.get("handed_in_on"),
                handed_to=data.get("handed_to", ""),
                decision=data.get("decision", ""),
                notes=data.get("notes", ""),
            )
        )
        return Response(GiftReceivedSerializer(handed).data)

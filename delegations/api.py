"""``/api/v1/delegations/``: the shared case fields, with the kind of delegation as ``kind``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from delegations.models import Delegation
from delegations.services import delegation_create, delegation_update
from ttdn.accounts.models import User
from ttdn.api.cases import CaseSerializer, WritableCaseViewSet
from ttdn.cases.models import Case
from ttdn.cases.services.cases import CaseData


class DelegationSerializer(CaseSerializer):
    kind = serializers.ChoiceField(choices=Delegation.Kind.choices)
    # Inbound only: outbound delegations are /api/v1/outbound-trips/.
    direction = serializers.ChoiceField(choices=[Case.Direction.INBOUND])

    def kind_of(self, case: Case) -> str:
        return case.delegation.delegation_kind


class DelegationViewSet(WritableCaseViewSet):
    serializer_class = DelegationSerializer
    case_kind = "delegation"

    def create_case(self, actor: User, data: CaseData, values: dict[str, Any]) -> Case:
        return delegation_create(actor=actor, data=data, delegation_kind=values["kind"])

    def update_case(self, actor: User, case: Case, data: CaseData, values: dict[str, Any]) -> Case:
        return delegation_update(actor=actor, case=case, data=data, delegation_kind=values["kind"])

    def current_kind_values(self, case: Case) -> dict[str, Any]:
        return {"kind": case.delegation.delegation_kind}

    def get_queryset(self) -> QuerySet[Case]:
        return super().get_queryset().select_related("delegation")

    def filter_kind(self, cases: QuerySet[Case], kind: str) -> QuerySet[Case]:
        return cases.filter(delegation__delegation_kind=kind)

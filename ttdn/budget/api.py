"""The budget in the API, under its case: ``GET``/``POST /api/v1/cases/{id}/budget/`` (read; compute
or compute again), ``POST .../budget/lines/`` (add a line), ``PATCH``/``DELETE
.../budget/lines/{line}/`` (an amount with its reason, the actual spending; remove with a reason).
A case the user may not see is a 404; police and host agencies, who may see it, get a 403. A
restricted case's budget shown goes on the case's history, as the pages' reads do."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ttdn.accounts.models import User
from ttdn.api.permissions import api_user, refuse
from ttdn.budget import services
from ttdn.budget.models import BudgetLine, CaseBudget
from ttdn.budget.selectors import budget_of, categories_available, lines_of, totals_of
from ttdn.cases.models import Case
from ttdn.cases.policy import may_edit_finances, may_see_finances
from ttdn.cases.selectors import case_get_for
from ttdn.cases.services.access import access_log_restricted_reads


class LineSerializer(serializers.ModelSerializer[BudgetLine]):
    difference = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = BudgetLine
        fields = ["id", "label", "basis", "unit_amount", "computed", "amount", "reason", "actual", "actual_note",
                  "difference"]  # fmt: skip
        read_only_fields = fields


class BudgetSerializer(serializers.ModelSerializer[CaseBudget]):
    category: serializers.SlugRelatedField[CaseBudget] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    lines = serializers.SerializerMethodField()
    total_estimated = serializers.SerializerMethodField()
    total_actual = serializers.SerializerMethodField()

    class Meta:
        model = CaseBudget
        fields = [
            "case",
            "category",
            "guests",
            "days",
            "lines",
            "total_estimated",
            "total_actual",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(LineSerializer(many=True))
    def get_lines(self, budget: CaseBudget) -> list[dict[str, Any]]:
        return LineSerializer(self.context["lines"], many=True).data  # type: ignore[return-value]

    def get_total_estimated(self, budget: CaseBudget) -> int:
        return totals_of(self.context["lines"]).estimated

    def get_total_actual(self, budget: CaseBudget) -> int | None:
        return totals_of(self.context["lines"]).actual


class ComputeSerializer(serializers.Serializer):
    category = serializers.SlugField(help_text="The code of a guest category (special, a, b, c, other...).")
    guests = serializers.IntegerField(min_value=1, max_value=10_000)
    days = serializers.IntegerField(min_value=1, max_value=366)


class AddSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200)  # type: ignore[assignment]
    amount = serializers.IntegerField(min_value=0, max_value=services.MAX_AMOUNT)
    reason = serializers.CharField(max_length=2000)


class EditSerializer(serializers.Serializer):
    amount = serializers.IntegerField(min_value=0, max_value=services.MAX_AMOUNT, required=False)
    reason = serializers.CharField(max_length=2000, required=False, help_text="Required with amount.")
    actual = serializers.IntegerField(
        min_value=0, max_value=services.MAX_AMOUNT, required=False, allow_null=True
    )
    actual_note = serializers.CharField(max_length=255, required=False, allow_blank=True)


class RemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


def _case(request: Request, pk: int, *, write: bool) -> tuple[User, Case]:
    user = api_user(request)
    case = case_get_for(user=user, pk=pk)
    refuse(may_see_finances(user=user, case=case))
    if write:
        refuse(may_edit_finances(user=user, case=case))
    else:
        access_log_restricted_reads(request=request._request, user=user, cases=[case], detail="api budget")
    return user, case


def _budget(case: Case) -> CaseBudget:
    budget = budget_of(case)
    if budget is None:
        raise NotFound
    return budget


def _shown(budget: CaseBudget, code: int = status.HTTP_200_OK) -> Response:
    return Response(BudgetSerializer(budget, context={"lines": lines_of(budget)}).data, status=code)


class CaseBudgetView(APIView):
    @extend_schema(responses={200: BudgetSerializer})
    def get(self, request: Request, pk: int) -> Response:
        """The case's budget and its lines (404 when it has none yet)."""
        case = _case(request, pk, write=False)[1]
        return _shown(_budget(case))

    @extend_schema(request=ComputeSerializer, responses={200: BudgetSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Compute the budget from the norms, or again: changed and added lines are kept."""
        user, case = _case(request, pk, write=True)
        asked = ComputeSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        category = categories_available().filter(code=asked.validated_data["category"]).first()
        if category is None:
            raise ValidationError({"category": ["No guest category has this code."]})
        budget = services.budget_compute(actor=user, case=case, category=category,
                                         guests=asked.validated_data["guests"], days=asked.validated_data["days"])  # fmt: skip
        return _shown(budget)


class BudgetLinesView(APIView):
    @extend_schema(request=AddSerializer, responses={201: BudgetSerializer})
    def post(self, request: Request, pk: int) -> Response:
        user, case = _case(request, pk, write=True)
        asked = AddSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        budget = _budget(case)
        services.budget_line_add(actor=user, budget=budget, **asked.validated_data)
        return _shown(budget, status.HTTP_201_CREATED)


class BudgetLineView(APIView):
    def _line(self, case: Case, line: int) -> BudgetLine:
        found = BudgetLine.objects.select_related("budget").filter(pk=line, budget__case=case).first()
        if found is None:
            raise NotFound
        return found

    @extend_schema(request=EditSerializer, responses={200: BudgetSerializer})
    def patch(self, request: Request, pk: int, line: int) -> Response:
        """A new amount (with its reason), and/or the actual spending."""
        user, case = _case(request, pk, write=True)
        asked = EditSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        budget_line = self._line(case, line)
        if "amount" in data and not data.get("reason", "").strip():
            raise ValidationError({"reason": ["Give the reason for the amount."]})
        actual = (
            services.Actual(
                data.get("actual", budget_line.actual), data.get("actual_note", budget_line.actual_note)
            )
            if "actual" in data or "actual_note" in data
            else None
        )
        services.budget_line_update(actor=user, line=budget_line, amount=data.get("amount"),
                                    reason=data.get("reason", ""), actual=actual)  # fmt: skip
        return _shown(budget_line.budget)

    @extend_schema(request=RemoveSerializer, responses={204: None})
    def delete(self, request: Request, pk: int, line: int) -> Response:
        user, case = _case(request, pk, write=True)
        asked = RemoveSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        services.budget_line_remove(
            actor=user, line=self._line(case, line), reason=asked.validated_data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

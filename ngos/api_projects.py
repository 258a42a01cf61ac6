"""``/api/v1/aid-projects/``: the aid projects (Decree 80/2020/NĐ-CP) the user may see, with the
filters of the list page (``ngo``, ``sector``, ``commune``, ``status``, ``year``); protocol staff
create and change them (POST, PATCH) and link or unlink the visits serving them
(``POST /aid-projects/{id}/link/`` and ``/unlink/`` with ``{"case": ID}``). A project or a case the
user may not see is a 404; a write by another role is a 403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ngos.api_params import api_user, bad_input, query_number
from ngos.models import AidProject, AidSector, Ngo
from ngos.policy import may_manage_ngos
from ngos.selectors import projects_visible_to
from ngos.selectors_projects import projects_filtered
from ngos.services.projects import (
    MAX_VND,
    ProjectData,
    project_create,
    project_link_case,
    project_unlink_case,
    project_update,
)
from ttdn.accounts.models import Agency, User
from ttdn.api.fields import CodeRelatedField
from ttdn.api.permissions import refuse
from ttdn.cases.selectors import case_get_for, cases_visible_to

MIN_YEAR, MAX_YEAR = 2000, 2100  # as the list page's filter
WRITABLE = [
    "ngo",
    "title",
    "sector",
    "communes",
    "status",
    "committed",
    "disbursed",
    "currency",
    "amount_in_currency",
    "exchange_rate",
    "decision_number",
    "decision_date",
    "decided_by",
    "start_date",
    "end_date",
    "report_every_months",
    "notes",
]


class AidProjectSerializer(serializers.ModelSerializer[AidProject]):
    ngo = serializers.PrimaryKeyRelatedField(queryset=Ngo.objects.all())
    sector = CodeRelatedField(slug_field="code", queryset=AidSector.objects.all())
    communes = CodeRelatedField(slug_field="code", queryset=Agency.objects.all(), many=True, required=False)
    committed = serializers.IntegerField(
        min_value=0,
        max_value=MAX_VND,
        required=False,
        allow_null=True,
        help_text="VND. Left out for aid in another currency: round(amount_in_currency * exchange_rate).",
    )
    disbursed = serializers.IntegerField(min_value=0, max_value=MAX_VND, required=False)
    cases = serializers.SerializerMethodField(help_text="The visits serving it that the user may see.")

    class Meta:
        model = AidProject
        fields = ["id", *WRITABLE, "cases"]

    def get_cases(self, project: AidProject) -> list[int]:
        visible = self.context.get("visible_case_ids")
        return [case.pk for case in project.cases.all() if visible is None or case.pk in visible]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # What a PATCH leaves out stays as it is; the service checks the whole together.
        if self.instance is not None:
            current = {name: getattr(self.instance, name) for name in WRITABLE if name != "communes"}
            current["communes"] = list(self.instance.communes.all())
            attrs = {**current, **attrs}
        return attrs

    def project_data(self) -> ProjectData:
        data = dict(self.validated_data)
        communes = list(data.pop("communes", []))
        values = {name: data[name] for name in WRITABLE if name in data and name != "communes"}
        for text in ("currency", "decision_number", "decided_by", "notes"):
            values[text] = values.get(text) or ""
        values.setdefault("disbursed", 0)
        return ProjectData(communes=communes, **values)


class CaseLinkSerializer(serializers.Serializer):
    case = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="The id of a visit.")


FILTERS = [
    OpenApiParameter("ngo", OpenApiTypes.INT, description="Only this NGO's (its id)."),
    OpenApiParameter("sector", OpenApiTypes.STR, description="Only this sector's (its code)."),
    OpenApiParameter(
        "commune", OpenApiTypes.STR, description="Only those in this commune (its agency code)."
    ),
    OpenApiParameter("status", OpenApiTypes.STR, enum=AidProject.Status.values),
    OpenApiParameter("year", OpenApiTypes.INT, description="Only those running in this year (2000 to 2100)."),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class AidProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[AidProject],
):
    serializer_class = AidProjectSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[AidProject]:
        projects = (
            projects_visible_to(self.request.user)
            .select_related("sector")
            .prefetch_related("communes", "cases")
        )
        if self.action != "list":
            return projects.order_by("-start_date", "-pk")
        params = self.request.query_params
        state = params.get("status") or ""
        if state and state not in AidProject.Status.values:
            raise ValidationError({"status": [_("Not a status of a project.")]})
        sector = AidSector.objects.filter(code=params["sector"]).first() if params.get("sector") else None
        commune = Agency.objects.filter(code=params["commune"]).first() if params.get("commune") else None
        if (params.get("sector") and sector is None) or (params.get("commune") and commune is None):
            return projects.none()
        year = query_number(self.request, "year")
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(
                {"year": [_("A year from %(min)s to %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}]}
            )
        return projects_filtered(
            projects,
            ngo=query_number(self.request, "ngo"),
            sector=sector,
            commune=commune,
            status=state,
            year=year,
        ).order_by("-start_date", "-pk")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if isinstance(self.request.user, User):
            context["visible_case_ids"] = set(
                cases_visible_to(self.request.user).values_list("pk", flat=True)
            )
        return context

    def _save(self, serializer: Any, project: AidProject | None) -> AidProject:
        assert isinstance(serializer, AidProjectSerializer)  # noqa: S101 - serializer_class
        user = api_user(self.request)
        try:
            if project is None:
                return project_create(actor=user, data=serializer.project_data())
            return project_update(actor=user, project=project, data=serializer.project_data())
        except DjangoValidationError as error:
            raise bad_input(error) from error

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        refuse(may_manage_ngos(user=api_user(request)))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        project = self._save(serializer, None)
        return Response(self.get_serializer(project).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        refuse(may_manage_ngos(user=api_user(request)))
        serializer = self.get_serializer(project, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        project = self._save(serializer, project)
        return Response(self.get_serializer(self.get_queryset().get(pk=project.pk)).data)

    def _case(self, request: Request) -> Any:
        asked = CaseLinkSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        return case_get_for(user=api_user(request), pk=asked.validated_data["case"])

    @extend_schema(request=CaseLinkSerializer, responses={200: AidProjectSerializer})
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str | None = None) -> Response:
        """The visit serves the project (409 if it already does)."""
        project = self.get_object()
        refuse(may_manage_ngos(user=api_user(request)))
        project_link_case(actor=api_user(request), project=project, case=self._case(request))
        return Response(self.get_serializer(self.get_queryset().get(pk=project.pk)).data)

    @extend_schema(request=CaseLinkSerializer, responses={200: AidProjectSerializer})
    @action(detail=True, methods=["post"])
    def unlink(self, request: Request, pk: str | None = None) -> Response:
        """The visit no longer serves the project (409 if it did not)."""
        project = self.get_object()
        refuse(may_manage_ngos(user=api_user(request)))
        project_unlink_case(actor=api_user(request), project=project, case=self._case(request))
        return Response(self.get_serializer(self.get_queryset().get(pk=project.pk)).data)

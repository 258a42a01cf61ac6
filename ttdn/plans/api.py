"""The plan in the API: ``/api/v1/plans/``, ``/api/v1/plan-tasks/`` and ``/api/v1/task-progress/``
(read; progress also created, for the user's agency, on its own tasks). Each reads through the
plan's selectors: what the user may not see is a 404, as on the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ttdn.accounts.models import Agency
from ttdn.api.permissions import api_user
from ttdn.plans import services
from ttdn.plans.models import Plan, PlanTask, TaskProgress
from ttdn.plans.selectors import plans_visible_to, progress_visible_to, tasks_visible_to


class PlanSerializer(serializers.ModelSerializer[Plan]):
    class Meta:
        model = Plan
        fields = ["id", "number", "issued_on", "title", "year", "implements", "notes"]


class PlanTaskSerializer(serializers.ModelSerializer[PlanTask]):
    agencies: serializers.SlugRelatedField[Agency] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = PlanTask
        fields = ["id", "plan", "title", "description", "agencies", "due_on", "recurrence", "expected_output"]


class TaskProgressSerializer(serializers.ModelSerializer[TaskProgress]):
    agency: serializers.SlugRelatedField[Agency] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    files = serializers.SerializerMethodField(help_text="The names of the files attached (pages serve them).")

    class Meta:
        model = TaskProgress
        fields = ["id", "task", "agency", "status", "text", "reported_on", "author", "created_at", "files"]
        read_only_fields = ["id", "agency", "author", "created_at", "files"]
        extra_kwargs = {"task": {"queryset": PlanTask.objects.all()}}

    def get_files(self, progress: TaskProgress) -> list[str]:
        return [file.original_name for file in progress.files.all()]


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """The plans the user may see (protocol and leaders: all; an agency: those giving it a task)."""

    serializer_class = PlanSerializer

    def get_queryset(self) -> QuerySet[Plan]:
        return plans_visible_to(self.request.user).order_by("-year", "-issued_on", "-pk")


class PlanTaskViewSet(viewsets.ReadOnlyModelViewSet):
    """The tasks the user may see (an agency: its own)."""

    serializer_class = PlanTaskSerializer

    def get_queryset(self) -> QuerySet[PlanTask]:
        return tasks_visible_to(self.request.user).prefetch_related("agencies").order_by("plan", "pk")


class TaskProgressViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The progress the user may see (an agency: its own, on its own tasks); a POST reports the
    progress of the user's agency on one of its tasks (a task the user may not see: 404)."""

    serializer_class = TaskProgressSerializer

    def get_queryset(self) -> QuerySet[TaskProgress]:
        return (
            progress_visible_to(self.request.user).prefetch_related("files").order_by("-reported_on", "-pk")
        )

    @extend_schema(responses={201: TaskProgressSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = api_user(request)
        task = tasks_visible_to(user).filter(pk=_task_id(request.data.get("task"))).first()
        if task is None:
            raise Http404
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not services.may_report_on(actor=user, task=task):
            raise PermissionDenied(services.REPORT_REFUSAL)
        data = serializer.validated_data
        try:
            progress = services.progress_add(
                actor=user,
                task=task,
                status=data["status"],
                text=data["text"],
                reported_on=data["reported_on"],
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        return Response(self.get_serializer(progress).data, status=status.HTTP_201_CREATED)


def _task_id(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise ValidationError({"task": [_("Give the task's id.")]}) from None

"""The REST API's views: thin, on the same services and the one selector as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from ttdn.accounts.models import Agency, User
from ttdn.accounts.two_factor import api_token_issue
from ttdn.api import serializers as s
from ttdn.api.reads import LogsRestrictedReads
from ttdn.cases.models import FollowUp, Review
from ttdn.cases.selectors import case_get_for, cases_visible_to, of_visible_cases, reviews_for_police
from ttdn.cases.services.followups import followup_close
from ttdn.cases.services.reviews import review_record
from ttdn.cases.services.workflow import case_transition
from ttdn.notifications.models import Notification
from ttdn.notifications.selectors import notifications_for
from ttdn.notifications.services import notification_mark_read
from ttdn.reports.periods import Period
from ttdn.reports.statistics import report_figures


def _user(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - HasRole
    return request.user


class TokenView(APIView):
    """Exchange a user name and password for the token that later requests send as
    ``Authorization: Token <token>``."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(request=s.TokenRequestSerializer, responses={200: s.TokenSerializer}, auth=[])
    def post(self, request: Request) -> Response:
        serializer = s.TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token = api_token_issue(serializer.validated_data["user"])
        return Response({"token": token.key})


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AgencySerializer
    lookup_field = "code"
    queryset = Agency.objects.filter(is_active=True).order_by("code")


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        return notifications_for(self.request.user).select_related("case").order_by("-created_at", "-pk")

    @extend_schema(request=None, responses={200: s.NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = self.get_object()
        notification_mark_read(user=_user(request), notification_ids=[notification.pk])
        notification.refresh_from_db()
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses={204: None})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        notification_mark_read(user=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class FollowUpViewSet(
    LogsRestrictedReads, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The follow-ups of the cases the user may see (``?status=open``: the work still to do);
    ``close`` as on the case page."""

    serializer_class = s.FollowUpSerializer

    @extend_schema(parameters=[OpenApiParameter("status", str, enum=FollowUp.Status.values)])
    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[FollowUp]:
        user = self.request.user
        followups = FollowUp.objects.select_related("case", "assignee_user", "assignee_agency")
        if self.action != "list":  # one of them: its case's grants probed
            return followups.filter(of_visible_cases(user))
        wanted = self.request.query_params.get("status")
        if not wanted:  # all there ever were: the visible cases as one set, not a probe per row
            return followups.filter(case__in=cases_visible_to(user)).order_by("due_date", "pk")
        if wanted not in FollowUp.Status.values:
            raise ValidationError({"status": [_("Choose one of: %s.") % ", ".join(FollowUp.Status.values)]})
        # the open ones are few among all there were: narrowed first, each case's grants probed
        return followups.filter(of_visible_cases(user), status=wanted).order_by("due_date", "pk")

    @extend_schema(request=s.FollowUpCloseSerializer, responses={200: s.FollowUpSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        followup = self.get_object()
        serializer = s.FollowUpCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        closed = followup_close(actor=_user(request), followup=followup, **serializer.validated_data)
        return Response(self.get_serializer(closed).data)


class ReportView(APIView):
    """The JSON of ``manage.py report``: the figures of a quarter, a half-year, a year (on the
    calendar or Decree 09's basis) or two dates, counting
    only the cases the user may see."""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("quarter", int),
            OpenApiParameter("half", int, description="1 or 2: a half-year instead of a quarter"),
            OpenApiParameter(
                "basis",
                str,
                enum=["calendar", "decree09"],
                description="calendar (default), or decree09: Decree 09/2019/NĐ-CP's periods, "
                "a quarter from the 15th of the month before it to the 14th of its last month",
            ),
            OpenApiParameter("start", str, description="YYYY-MM-DD"),
            OpenApiParameter("end", str, description="YYYY-MM-DD"),
        ],
        responses={200: dict},
    )
    def get(self, request: Request) -> Response:
        query = s.ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = Period.chosen(**query.validated_data)
        return Response(report_figures(request.user, period))


# Filing the post-visit report is its own form; the other moves are one call each.
API_TRANSITIONS = ("submit", "approve", "reject", "cancel", "start", "complete", "close")


class TransitionView(APIView):
    """``POST /api/v1/cases/{id}/{action}/``: 404 for a case the user may not see, 409 with the
    reason when the state or the rules forbid the move."""

    @extend_schema(
        request=s.TransitionSerializer,
        responses={200: s.CaseStatusSerializer},
        parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=list(API_TRANSITIONS))],
    )
    def post(self, request: Request, pk: int, action: str) -> Response:
        if action not in API_TRANSITIONS:
            raise Http404
        case = case_get_for(user=request.user, pk=pk)
        serializer = s.TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = case_transition(
            actor=_user(request), case=case, name=action, reason=serializer.validated_data["reason"]
        )
        return Response({"id": moved.pk, "reference": moved.reference, "status": moved.status})


class ReviewViewSet(LogsRestrictedReads, viewsets.ReadOnlyModelViewSet):
    """The police agency's reviews, on cases the officer may see; ``decide`` records the outcome."""

    serializer_class = s.ReviewSerializer

    def get_queryset(self) -> QuerySet[Review]:
        return reviews_for_police(self.request.user).prefetch_related("questions").order_by("due_date", "pk")

    @extend_schema(request=s.ReviewDecisionSerializer, responses={200: s.ReviewSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        review = self.get_object()
        decision = s.ReviewDecisionSerializer(data=request.data, context={"kind": review.case.kind})
        decision.is_valid(raise_exception=True)
        checklist = {name: bool(ticked) for name, ticked in decision.validated_data["checklist"].items()}
        review_record(
            actor=_user(request),
            review=review,
            outcome=decision.validated_data["outcome"],
            checklist=checklist,
            text=decision.text(),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=review.pk)).data)

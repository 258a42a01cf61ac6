"""Every answer of the API that shows a restricted case is on that case's history, as the pages
are: list and retrieve log through the core's one helper (ttdn.cases.services.access)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.services.access import access_log_restricted_reads


class LogsRestrictedReads(GenericAPIView[Any]):
    """For a read-only view set over cases, or over records of cases (``case_of``): put first
    among the bases."""

    def case_of(self, record: Any) -> Case:
        return record if isinstance(record, Case) else record.case

    def log_reads(self, records: Iterable[Model], detail: str) -> None:
        user = self.request.user
        if isinstance(user, User):
            cases = [self.case_of(record) for record in records]
            access_log_restricted_reads(request=self.request._request, user=user, cases=cases, detail=detail)

    def paginate_queryset(self, queryset: QuerySet[Any, Any]) -> list[Any] | None:
        """The page ``list`` shows (only ``list`` paginates)."""
        page = super().paginate_queryset(queryset)
        self.log_reads(page if page is not None else queryset, "api list")
        return page

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        self.log_reads([record], "api")
        return Response(self.get_serializer(record).data)

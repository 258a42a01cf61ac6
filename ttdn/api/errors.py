"""Errors as JSON: DRF's own (a message per field for a 400), plus the workflow's refusals as 409."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ttdn.cases.errors import CaseError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, CaseError):
        # The workflow's refusals are conflicts with the case's state; an error may say otherwise
        # (a document's missing data is bad input: 400).
        code = getattr(exc, "api_status", status.HTTP_409_CONFLICT)
        body: dict[str, Any] = {"detail": exc.message}
        missing = getattr(exc, "missing", None)
        if missing:
            body["missing"] = missing
        return Response(body, status=code)
    return drf_exception_handler(exc, context)

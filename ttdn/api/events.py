"""``GET /api/v1/cases/{id}/events/``: a case's timeline, as its page shows it to the same user."""

from __future__ import annotations

import datetime
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ttdn.accounts.models import User
from ttdn.cases.models import AccessLog
from ttdn.cases.selectors import case_get_for
from ttdn.cases.services.access import access_log_record
from ttdn.cases.timeline import ACTION_LABELS, TimelineEntry, timeline_for


def _value(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value if value is None or isinstance(value, bool | int | float) else str(value)


class ActorSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class TimelineEntrySerializer(serializers.Serializer):
    """One entry: an event (``code`` as registered, e.g. ``case.reject``), a record's change
    (``record.created``, ``record.changed``, ``record.deleted``), or, for protocol staff and
    admins, a grant (``access.granted``, ``access.revoked``) or a read (``access.<action>``)."""

    code = serializers.CharField()
    # Declared fields leave the class (DRF's metaclass): "label" and "data" shadow nothing at run time.
    label = serializers.CharField(help_text="What happened, in the language of the request.")  # type: ignore[assignment]
    actor = ActorSerializer(allow_null=True, help_text="Null for what the system did.")
    at = serializers.DateTimeField()
    text = serializers.CharField(help_text="The reason, note or reference, whole.")
    record = serializers.CharField(help_text="The kind of record changed, or the permission.")
    name = serializers.CharField(help_text="The record, the holder of a grant, or the person named.")
    changes = ChangeSerializer(many=True)
    data = serializers.DictField()  # type: ignore[assignment]

    def to_representation(self, entry: TimelineEntry) -> dict[str, Any]:
        named = entry.action in ("event", "access")  # the subject is what happened
        return {
            "code": entry.code,
            "label": entry.subject if named else str(ACTION_LABELS[entry.action]),
            "actor": {"username": entry.user.get_username(), "name": str(entry.user)} if entry.user else None,
            "at": entry.when.isoformat(),
            "text": entry.text,
            "record": "" if named else entry.subject,
            "name": entry.label,
            "changes": [
                {"field": name, "old": _value(old), "new": _value(new)} for name, old, new in entry.changes
            ],
            "data": entry.data,  # JSON already: the event's data (masked), an address, a permission
        }


class CaseEventsView(APIView):
    """The timeline of a case the user may see (404 for one they may not, as on the pages),
    newest first; identity data masked where the case page masks it; a read of a restricted
    case is on its access log."""

    @extend_schema(responses={200: TimelineEntrySerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        user = request.user
        assert isinstance(user, User)  # noqa: S101 - HasRole
        case = case_get_for(user=user, pk=pk)
        if case.is_restricted:
            access_log_record(
                request=request._request, user=user, case=case, action=AccessLog.Action.VIEW_RESTRICTED,
                detail="api events",
            )  # fmt: skip
        return Response(TimelineEntrySerializer(timeline_for(user=user, case=case), many=True).data)

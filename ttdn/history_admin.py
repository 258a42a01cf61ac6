"""The admin's history pages (django-simple-history), for every app's models: to read, never to
restore, and only for what the user may see."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from ttdn.accounts.history_migrations import HISTORY_STARTS

# The change reasons the code writes, kept in English in the database (a stable key) and shown
# in the reader's language.
CHANGE_REASONS = {HISTORY_STARTS: gettext_lazy("history starts")}


def change_reason_label(reason: str | None) -> str:
    """A stored change reason as the reader reads it; one typed by a person, as typed."""
    if not reason:
        return ""
    label = CHANGE_REASONS.get(reason)
    return str(label) if label is not None else reason


class HistoryAdmin(SimpleHistoryAdmin):
    """History to read, never to restore: a revert would write past the services and their rules
    (simple-history saves an old version on POST even for view-only users)."""

    def _require_valid_ids(self, object_id: str, version_id: str | None = None) -> None:
        # simple-history looks the ids up as given: one that is no id of the model is a 404.
        try:
            self.model._meta.pk.to_python(unquote(object_id))
            if version_id is not None:
                self.model.history.model._meta.pk.to_python(unquote(version_id))
        except ValidationError as error:
            raise Http404 from error

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        self._require_valid_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def set_history_delta_changes(
        self, request: HttpRequest, historical_records: Any, *args: Any, **kwargs: Any
    ) -> None:
        super().set_history_delta_changes(request, historical_records, *args, **kwargs)
        for record in historical_records:  # the page's rows, which the template shows
            record.history_change_reason = change_reason_label(record.history_change_reason)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> Any:
        if request.method == "POST":
            raise PermissionDenied
        self._require_valid_ids(object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class ScopedHistoryAdmin(HistoryAdmin):
    """SimpleHistoryAdmin's history pages load the object themselves; check the access policy
    (this admin's queryset) first, so the history of a hidden case is as hidden as the case."""

    def _require_visible(self, request: HttpRequest, object_id: str) -> None:
        try:
            visible = self.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            visible = False  # not even a valid id
        if not visible:
            raise Http404

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> Any:
        self._require_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

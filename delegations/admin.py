from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from delegations.models import Agreement, Delegation
from ttdn.cases.admin import ScopedHistoryAdmin
from ttdn.cases.selectors import cases_visible_to


@admin.register(Delegation)
class DelegationAdmin(ScopedHistoryAdmin):
    list_display = ["case", "delegation_kind"]
    list_filter = ["delegation_kind", "case__direction", "case__status"]
    search_fields = ["case__reference", "case__title"]
    list_select_related = ["case"]
    readonly_fields = ["case"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(case__in=cases_visible_to(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partner", "signed_on", "valid_until"]
    list_filter = ["signed_on", "partner__country"]
    search_fields = ["title", "partner__name", "signatory"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "cases":
            kwargs["queryset"] = cases_visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

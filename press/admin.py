from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from press.models import Coverage, PressCard, PressVisit
from ttdn.admin_access import AccessScopedAdmin, ThroughCases, ThroughPeople
from ttdn.cases.admin import ScopedHistoryAdmin
from ttdn.cases.identity import identity_visible


@admin.register(PressVisit)
class PressVisitAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    access_scope = ThroughCases("case")
    list_display = ["case", "residency", "escort_officer", "request_received_on"]
    list_filter = ["residency", "case__status"]
    search_fields = ["case__reference", "case__title", "topics"]
    list_select_related = ["case", "escort_officer"]
    readonly_fields = ["case"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Coverage)
class CoverageAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    access_scope = ThroughCases("case")
    list_display = ["title", "outlet", "published_on", "language", "case"]
    list_filter = ["language", "published_on"]
    search_fields = ["title", "outlet", "case__reference"]
    list_select_related = ["case"]
    readonly_fields = ["case", "recorded_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PressCard)
class PressCardAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    # A card's number is identity data: the cards of the persons whose identity data the user may
    # see, no others (their cases hidden, the card is too).
    access_scope = ThroughPeople("person")
    list_display = ["person", "kind", "number", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["person__full_name"]
    list_select_related = ["person"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        # Card numbers are identity data: only for the roles that may see it.
        return identity_visible(user=request.user, case=None) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return identity_visible(user=request.user, case=None) and super().has_view_permission(request, obj)

"""The gifts register in the admin: the threshold and the funding sources to edit (with their
history); the gifts themselves to read, for the cases the admin may see (the pages write them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ttdn.admin_access import AccessScopedAdmin, NotCaseData, ThroughCases
from ttdn.gifts.models import FundingSource, GiftGiven, GiftReceived, GiftSettings
from ttdn.history_admin import HistoryAdmin, ScopedHistoryAdmin


@admin.register(GiftSettings)
class GiftSettingsAdmin(HistoryAdmin):
    access_scope = NotCaseData("the declaration threshold: a setting")
    list_display = ["__str__", "threshold"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row, made by the migrations

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FundingSource)
class FundingSourceAdmin(HistoryAdmin):
    access_scope = NotCaseData("the funding sources gifts are paid from: a list of settings")
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


class GiftRecordAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    access_scope = ThroughCases("case")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a register never loses an entry


@admin.register(GiftGiven)
class GiftGivenAdmin(GiftRecordAdmin):
    list_display = ["given_on", "description", "value", "case"]
    list_select_related = ["case"]
    search_fields = ["description", "case__reference"]
    date_hierarchy = "given_on"


@admin.register(GiftReceived)
class GiftReceivedAdmin(GiftRecordAdmin):
    list_display = ["received_on", "description", "estimated_value", "hand_in_due", "handed_in_on", "case"]
    list_select_related = ["case"]
    search_fields = ["description", "case__reference"]
    list_filter = ["decision"]
    date_hierarchy = "received_on"

"""The budget's norms are settings the admins keep (with history); the cases' budgets are read
here, written by the services only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ttdn.admin_access import AccessScopedAdmin, NotCaseData, ThroughCases
from ttdn.budget.models import BudgetItem, BudgetLine, CaseBudget, GuestCategory, Norm
from ttdn.history_admin import HistoryAdmin, ScopedHistoryAdmin


@admin.register(GuestCategory)
class GuestCategoryAdmin(HistoryAdmin):
    access_scope = NotCaseData("the guest categories of the budget norms: settings, no case data")
    list_display = ["name", "code", "order", "is_active"]
    search_fields = ["name", "code"]


@admin.register(BudgetItem)
class BudgetItemAdmin(HistoryAdmin):
    access_scope = NotCaseData("the items of the budget norms: settings, no case data")
    list_display = ["name", "code", "order", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Norm)
class NormAdmin(HistoryAdmin):
    access_scope = NotCaseData("the budget norms: settings, no case data")
    list_display = ["category", "item", "unit_amount", "basis", "valid_from", "valid_to"]
    list_filter = ["category", "item", "basis"]
    list_select_related = ["category", "item"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    can_delete = False
    fields = ["label", "basis", "unit_amount", "computed", "amount", "reason", "actual", "actual_note"]
    readonly_fields = [
        "label",
        "basis",
        "unit_amount",
        "computed",
        "amount",
        "reason",
        "actual",
        "actual_note",
    ]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CaseBudget)
class CaseBudgetAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    access_scope = ThroughCases("case")
    list_display = ["case", "category", "guests", "days", "updated_at"]
    list_select_related = ["case", "category"]
    inlines = [BudgetLineInline]
    readonly_fields = ["case", "category", "guests", "days", "created_by", "created_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from conferences.models import ApprovalRule, Conference, ConsultedAgency
from ttdn.admin_access import AccessScopedAdmin, NotCaseData, ThroughCases
from ttdn.history_admin import HistoryAdmin, ScopedHistoryAdmin


@admin.register(ApprovalRule)
class ApprovalRuleAdmin(HistoryAdmin):
    """Who approves which conferences: the admins keep the list (and its legal basis) up to date."""

    access_scope = NotCaseData("a list of approving authorities the admins keep")

    list_display = ["name", "above_province", "legal_basis", "is_active"]
    list_filter = ["above_province", "is_active"]
    search_fields = ["name", "legal_basis"]


@admin.register(Conference)
class ConferenceAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    access_scope = ThroughCases("case")
    list_display = ["case", "organiser", "mode", "approval_rule", "dossier_due_on", "dossier_submitted_on"]
    list_filter = ["mode", "funding", "sensitive_topics", "case__status"]
    search_fields = ["case__reference", "case__title", "topic", "organiser"]
    list_select_related = ["case", "approval_rule"]
    readonly_fields = ["case", "dossier_due_on"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ConsultedAgency)
class ConsultedAgencyAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    access_scope = ThroughCases("case")
    list_display = ["agency", "case", "asked_on", "due_on", "answered_on"]
    list_filter = ["answered_on"]
    search_fields = ["case__reference", "agency__name_vi"]
    list_select_related = ["case", "agency"]
    readonly_fields = ["case", "recorded_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

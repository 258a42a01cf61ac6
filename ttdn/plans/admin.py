"""The plan in the admin: plans and their tasks to correct, the progress to read (the agencies
report it on the pages, where it is checked)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ttdn.admin_access import NotCaseData
from ttdn.history_admin import HistoryAdmin
from ttdn.plans.models import Plan, PlanTask, ProgressFile, TaskProgress

PLAN_SCOPE = NotCaseData("the province's plan and the agencies' progress on it: no case's data")


class PlanTaskInline(admin.StackedInline):
    model = PlanTask
    extra = 0
    filter_horizontal = ["agencies"]


@admin.register(Plan)
class PlanAdmin(HistoryAdmin):
    access_scope = PLAN_SCOPE
    list_display = ["number", "issued_on", "title", "year"]
    list_filter = ["year"]
    search_fields = ["number", "title"]
    inlines = [PlanTaskInline]


@admin.register(PlanTask)
class PlanTaskAdmin(HistoryAdmin):
    access_scope = PLAN_SCOPE
    list_display = ["title", "plan", "due_on", "recurrence"]
    list_filter = ["recurrence", "plan__year"]
    search_fields = ["title", "plan__number"]
    filter_horizontal = ["agencies"]


class ProgressFileInline(admin.TabularInline):
    model = ProgressFile
    extra = 0
    fields = ["original_name", "content_type", "size"]
    readonly_fields = ["original_name", "content_type", "size"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TaskProgress)
class TaskProgressAdmin(HistoryAdmin):
    access_scope = PLAN_SCOPE
    list_display = ["task", "agency", "status", "reported_on", "author"]
    list_filter = ["status", "agency"]
    search_fields = ["task__title", "text"]
    inlines = [ProgressFileInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

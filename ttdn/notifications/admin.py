from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from ttdn.cases.selectors import cases_visible_to
from ttdn.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "case", "read_at"]
    list_filter = ["kind", "read_at"]
    search_fields = ["recipient__username", "recipient__full_name", "case__reference", "key"]
    list_select_related = ["recipient", "case"]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        visible = cases_visible_to(request.user)
        return super().get_queryset(request).filter(Q(case__isnull=True) | Q(case__in=visible))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

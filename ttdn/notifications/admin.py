from __future__ import annotations

from django.contrib import admin

from ttdn.cases.admin import CaseRecordLogAdmin
from ttdn.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(CaseRecordLogAdmin):
    list_display = ["created_at", "recipient", "kind", "case", "read_at"]
    list_filter = ["kind", "read_at"]
    search_fields = ["recipient__username", "recipient__full_name", "case__reference", "key"]
    list_select_related = ["recipient", "case"]
    date_hierarchy = "created_at"

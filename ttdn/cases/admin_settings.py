"""The admins' settings of the cases: deadline timers, calendar days and retention periods, each
with its history (who changed what, and when)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ttdn.admin_access import NotCaseData
from ttdn.cases import kinds
from ttdn.cases.models import CalendarDay, RetentionPeriod, Timer
from ttdn.history_admin import HistoryAdmin


@admin.register(Timer)
class TimerAdmin(HistoryAdmin):
    access_scope = NotCaseData("the deadline timers: settings")
    list_display = ["name", "code", "working_days", "unit", "anchor", "legal_basis"]
    search_fields = ["name", "code"]
    list_filter = ["anchor"]
    readonly_fields = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the code reads timers by their code; new ones come with the code that uses them

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(HistoryAdmin):
    access_scope = NotCaseData("the retention periods: settings")
    list_display = ["kind_label", "years", "legal_basis"]
    readonly_fields = ["kind"]

    @admin.display(description=_("kind of case"))
    def kind_label(self, obj: RetentionPeriod) -> str:
        known = dict(kinds.choices())
        return known.get(obj.kind, obj.kind)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one per kind of case, made by the migrations

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(HistoryAdmin):
    access_scope = NotCaseData("the calendar's days off and make-up working days")
    list_display = ["date", "kind", "note"]
    list_filter = ["kind", "date"]
    search_fields = ["note"]
    date_hierarchy = "date"

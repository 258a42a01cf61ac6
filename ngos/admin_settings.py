"""The registry's settings in the admin (the date the annual report is due), with their history.
Registered from ``NgosConfig.ready`` unless the registry's own admin module registered them first
(the admin's autodiscovery runs before it)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ngos.models import NgoSettings
from ttdn.admin_access import NotCaseData
from ttdn.history_admin import HistoryAdmin


class NgoSettingsAdmin(HistoryAdmin):
    access_scope = NotCaseData("the NGO registry's settings: the date the annual report is due")
    list_display = ["__str__", "annual_report_day", "annual_report_month"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row, made by the migrations

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def register() -> None:
    if not admin.site.is_registered(NgoSettings):
        admin.site.register(NgoSettings, NgoSettingsAdmin)

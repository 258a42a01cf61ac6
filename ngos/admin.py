"""The registry in the Django admin: to read (its writes go through the pages' services, which
keep the search text, the filings owed and the history), scoped like the pages
(``ngos.selectors``); the aid sectors and the registry's settings are the admins' to edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ngos.models import AidProject, AidSector, Certificate, Filing, Ngo, NgoContact, NgoSettings
from ngos.selectors import filings_visible_to, ngos_visible_to, projects_visible_to
from ttdn.admin_access import AccessScopedAdmin, NotCaseData, ThroughCases
from ttdn.history_admin import HistoryAdmin, ScopedHistoryAdmin

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class ThroughRegistry(ThroughCases):
    """Visible where the registry's selector shows it: the whole registry to those who read it,
    the NGOs (projects, filings) of the visits they may see to host agency staff. Along ``path``
    to the record ``selector`` gives (``""``: the record itself; by default the NGO's selector)."""

    selector: Callable[[Any], QuerySet[Any]] = ngos_visible_to

    def visible(self, queryset: QuerySet[Any], user: AbstractBaseUser | AnonymousUser) -> QuerySet[Any]:
        shown = self.selector(user).values("pk")
        return queryset.filter(**{f"{self.path}__in" if self.path else "pk__in": shown})


class ReadOnlyRegistryAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    """Kept on the registry's pages, through its services: read here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Ngo)
class NgoAdmin(ReadOnlyRegistryAdmin):
    access_scope = ThroughRegistry()
    list_display = ["organisation", "acronym", "headquarters", "created_at"]
    list_filter = ["organisation__country"]
    search_fields = ["organisation__name", "organisation__name_vi", "acronym", "certificates__number"]
    list_select_related = ["organisation"]


@admin.register(NgoContact)
class NgoContactAdmin(ReadOnlyRegistryAdmin):
    access_scope = ThroughRegistry("ngo")
    list_display = ["name", "position", "ngo", "email", "phone"]
    search_fields = ["name", "ngo__organisation__name"]
    list_select_related = ["ngo__organisation"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyRegistryAdmin):
    access_scope = ThroughRegistry("ngo")
    list_display = ["number", "ngo", "kind", "event", "issued_on", "valid_until"]
    list_filter = ["kind", "event", "nationwide"]
    search_fields = ["number", "ngo__organisation__name"]
    list_select_related = ["ngo__organisation"]
    exclude = ["file"]


@admin.register(Filing)
class FilingAdmin(ReadOnlyRegistryAdmin):
    access_scope = ThroughRegistry(selector=filings_visible_to)
    list_display = ["kind", "ngo", "due_on", "received_on", "document_number"]
    list_filter = ["kind", "received_on"]
    search_fields = ["ngo__organisation__name", "document_number"]
    list_select_related = ["ngo__organisation"]
    exclude = ["file"]


@admin.register(AidProject)
class AidProjectAdmin(ReadOnlyRegistryAdmin):
    access_scope = ThroughRegistry(selector=projects_visible_to)
    list_display = ["title", "ngo", "sector", "status", "start_date", "end_date", "committed", "disbursed"]
    list_filter = ["status", "sector"]
    search_fields = ["title", "ngo__organisation__name", "decision_number"]
    list_select_related = ["ngo__organisation", "sector"]
    exclude = ["cases"]


@admin.register(AidSector)
class AidSectorAdmin(HistoryAdmin):
    access_scope = NotCaseData("a list of aid sectors the admins keep")
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(NgoSettings)
class NgoSettingsAdmin(HistoryAdmin):
    access_scope = NotCaseData("the registry's settings: one row, the province's")
    list_display = ["__str__", "annual_report_month", "annual_report_day"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not NgoSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from ttdn.cases.models import (
    Attachment,
    Case,
    Organisation,
    Participant,
    Person,
    ProgrammeItem,
    ReferenceCounter,
)
from ttdn.cases.selectors import cases_visible_to


class ReadOnlyInline(admin.TabularInline):
    """Children are edited on the case pages, through the services that check the rules."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ParticipantInline(ReadOnlyInline):
    model = Participant
    fields = ["person", "role", "order"]
    autocomplete_fields = ["person"]


class ProgrammeInline(ReadOnlyInline):
    model = ProgrammeItem
    fields = ["start", "end", "activity", "place", "hosts"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["original_name", "kind", "size", "uploaded_by", "uploaded_at"]


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "kind",
        "direction",
        "status",
        "start_date",
        "end_date",
        "lead_agency",
        "access_level",
    ]
    list_filter = ["kind", "direction", "status", "mode", "access_level", "lead_agency"]
    search_fields = ["reference", "title", "search_text"]
    date_hierarchy = "start_date"
    list_select_related = ["lead_agency"]
    readonly_fields = ["reference", "kind", "status", "created_by", "created_at", "updated_at"]
    autocomplete_fields = ["counterpart", "lead_agency", "responsible_officer"]
    filter_horizontal = ["co_host_agencies"]
    inlines = [ParticipantInline, ProgrammeInline, AttachmentInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        # The admin lists what the pages list: the one access policy, nothing more.
        return cases_visible_to(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # cases are created on their pages, with references and participants


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "ngo_registration_number", "ngo_registration_valid_until"]
    list_filter = ["kind", "country", "ngo_registration_type"]
    search_fields = ["name", "name_vi", "ngo_registration_number"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "nationality", "sex", "passport_number", "passport_expiry", "organisation"]
    list_filter = ["nationality", "sex"]
    search_fields = ["full_name", "passport_number"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


class CaseChildAdmin(SimpleHistoryAdmin):
    """Records that belong to a case: listed only for cases the admin user may see."""

    list_select_related = ["case"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(case__in=cases_visible_to(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Participant)
class ParticipantAdmin(CaseChildAdmin):
    list_display = ["person", "role", "case"]
    list_filter = ["role"]
    search_fields = ["person__full_name", "case__reference"]
    autocomplete_fields = ["person"]
    readonly_fields = ["case"]


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(CaseChildAdmin):
    list_display = ["case", "start", "end", "activity", "place"]
    list_filter = ["activity"]
    search_fields = ["place", "hosts", "case__reference"]
    readonly_fields = ["case"]


@admin.register(Attachment)
class AttachmentAdmin(CaseChildAdmin):
    list_display = ["original_name", "kind", "case", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "content_type"]
    search_fields = ["original_name", "description", "case__reference"]
    readonly_fields = ["case", "file", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(admin.ModelAdmin):
    """Where the numbering continues from a paper register, an admin sets the last number used."""

    list_display = ["prefix", "year", "last"]
    list_filter = ["prefix", "year"]
    search_fields = ["prefix"]
    ordering = ["-year", "prefix"]

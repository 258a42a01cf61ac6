from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from delegations.models import Agreement, Delegation
from ttdn.admin_access import AccessScopedAdmin, NotCaseData, ThroughCases
from ttdn.cases.admin import HistoryAdmin, ScopedHistoryAdmin
from ttdn.cases.selectors import cases_visible_to


@admin.register(Delegation)
class DelegationAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    access_scope = ThroughCases("case")
    list_display = ["case", "delegation_kind"]
    list_filter = ["delegation_kind", "case__direction", "case__status"]
    search_fields = ["case__reference", "case__title"]
    list_select_related = ["case"]
    readonly_fields = ["case"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    # Its links to cases are offered and kept through the policy below; its history is closed.
    access_scope = NotCaseData("an agreement is the province's, with a foreign partner, not a case's")
    list_display = ["title", "partner", "signed_on", "valid_until"]
    list_filter = ["signed_on", "partner__country"]
    search_fields = ["title", "partner__name", "signatory"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "cases":
            kwargs["queryset"] = cases_visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Links to cases this user cannot see are not in the form: keep them as they are.
        hidden = (
            list(form.instance.cases.exclude(pk__in=cases_visible_to(request.user).values("pk")))
            if change
            else []
        )
        super().save_related(request, form, formsets, change)
        form.instance.cases.add(*hidden)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        # The history names every linked case, the hidden ones too.
        raise PermissionDenied

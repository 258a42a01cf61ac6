from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Agency, User
from ttdn.admin_access import AccessScopedAdmin, NotCaseData, ThroughCases
from ttdn.cases import kinds
from ttdn.cases.errors import CaseError
from ttdn.cases.identity import identity_visible, mask_passport
from ttdn.cases.models import (
    AccessLog,
    Attachment,
    Case,
    CaseHost,
    FollowUp,
    Organisation,
    Participant,
    Person,
    PostVisitReport,
    ProgrammeItem,
    ReferenceCounter,
    Review,
    SecrecyMark,
)
from ttdn.cases.permissions import need_to_know_of
from ttdn.cases.services.access import case_set_need_to_know
from ttdn.history_admin import HistoryAdmin, ScopedHistoryAdmin


class ReadOnlyInline(admin.TabularInline):
    """Children are edited on the case pages, through the services that check the rules."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields


class ParticipantInline(ReadOnlyInline):
    model = Participant
    fields = ["person", "role", "order", "rank"]
    autocomplete_fields = ["person"]


class CaseHostInline(ReadOnlyInline):
    model = CaseHost
    fields = ["rank", "name", "position", "agency"]


class ProgrammeInline(ReadOnlyInline):
    model = ProgrammeItem
    fields = ["start", "end", "activity", "place", "hosts"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["original_name", "kind", "size", "uploaded_by", "uploaded_at"]


CASE_ADMIN_FIELDS = [
    "reference", "kind_label", "status", "direction", "title", "purpose", "counterpart", "countries",
    "start_date", "end_date", "mode", "lead_agency", "responsible_officer", "access_level",
    "request_letter_number", "request_letter_date", "decision_number", "decision_date", "notes",
    "created_by", "created_at", "updated_at",
]  # fmt: skip


class CaseAdminForm(forms.ModelForm):
    """Only the need-to-know list is edited here, through the access service; the case itself is
    edited on its pages, where the workflow, the grants and the police review follow every change."""

    need_to_know_users = forms.ModelMultipleChoiceField(
        label=_("need to know: users"), queryset=User.objects.filter(is_active=True), required=False
    )
    need_to_know_agencies = forms.ModelMultipleChoiceField(
        label=_("need to know: agencies"), queryset=Agency.objects.filter(is_active=True), required=False
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            users, agencies = need_to_know_of(case=self.instance)
            self.initial["need_to_know_users"] = users
            self.initial["need_to_know_agencies"] = agencies


class CaseKindFilter(admin.SimpleListFilter):
    """The kinds by their names (the stored code, "delegation" or "press", is no word for a reader)."""

    title = _("kind of case")
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return kinds.choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        if self.value():
            return queryset.filter(kind=self.value())
        return queryset


@admin.register(Case)
class CaseAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    # The admin lists what the pages list: the one access policy, nothing more.
    access_scope = ThroughCases()
    form = CaseAdminForm
    list_display = [
        "reference",
        "title",
        "kind_label",
        "direction",
        "status",
        "start_date",
        "end_date",
        "lead_agency",
        "access_level",
    ]
    list_filter = [CaseKindFilter, "direction", "status", "mode", "access_level", "lead_agency"]
    search_fields = ["reference", "title", "search_text"]
    date_hierarchy = "start_date"
    list_select_related = ["lead_agency"]
    fields = [*CASE_ADMIN_FIELDS, "need_to_know_users", "need_to_know_agencies"]
    readonly_fields = CASE_ADMIN_FIELDS
    inlines = [ParticipantInline, CaseHostInline, ProgrammeInline, AttachmentInline]

    @admin.display(description=_("kind of case"), ordering="kind")
    def kind_label(self, obj: Case) -> str:
        return obj.kind_label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # cases are created on their pages, with references and participants

    def save_model(self, request: HttpRequest, obj: Case, form: Any, change: bool) -> None:
        pass  # nothing of the case itself is edited here

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # the inlines are read-only: no writes
        actor = request.user
        assert isinstance(actor, User)  # noqa: S101
        try:
            case_set_need_to_know(
                actor=actor,
                case=form.instance,
                users=form.cleaned_data["need_to_know_users"],
                agencies=form.cleaned_data["need_to_know_agencies"],
            )
        except CaseError as error:
            messages.error(request, error.message)


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    access_scope = NotCaseData("the directory of foreign counterparts, shared by every case")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "name_vi"]


@admin.register(Person)
class PersonAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    # Persons of cases the user may see (and those on no case yet); identity data masked below.
    access_scope = ThroughCases("participations__case", unlinked=True)
    list_display = ["full_name", "nationality", "sex", "passport_number", "passport_expiry", "organisation"]
    identity_fields = ("passport_number", "passport_expiry", "date_of_birth")
    list_filter = ["nationality", "sex"]
    search_fields = ["full_name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        # The history lists identity data as it changed; only for those who may see it.
        if not identity_visible(user=request.user, case=None):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Person], search_term: str
    ) -> tuple[QuerySet[Person], bool]:
        # The passport number is encrypted: a whole number is found by its hash. Searching by it
        # would reveal it to whoever may not see it.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip() and identity_visible(user=request.user, case=None):
            found |= queryset.with_passport(search_term)  # type: ignore[attr-defined]
        return found, duplicates

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        return None if identity_visible(user=request.user, case=None) else self.identity_fields

    def get_list_display(self, request: HttpRequest) -> Any:
        if identity_visible(user=request.user, case=None):
            return self.list_display
        return ["full_name", "nationality", "sex", "masked_passport", "organisation"]

    @admin.display(description=_("passport number"))
    def masked_passport(self, obj: Person) -> str:
        return mask_passport(obj.passport_number)


class CaseChildAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    """Records that belong to a case: listed only for cases the admin user may see."""

    access_scope = ThroughCases("case")
    list_select_related = ["case"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Participant)
class ParticipantAdmin(CaseChildAdmin):
    list_display = ["person", "role", "case"]
    list_filter = ["role"]
    search_fields = ["person__full_name", "case__reference"]
    autocomplete_fields = ["person"]
    readonly_fields = ["case"]


@admin.register(CaseHost)
class CaseHostAdmin(CaseChildAdmin):
    """The host officials are set on the case's page (ordered by rank, on the timeline)."""

    list_display = ["name", "position", "agency", "rank", "case"]
    search_fields = ["name", "position", "case__reference"]
    list_select_related = ["case", "agency"]
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
    readonly_fields = [
        "case",
        "download",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    exclude = ["file"]

    @admin.display(description=_("file"))
    def download(self, obj: Attachment) -> str:
        # Through the permission-checked view: attachments have no public URL.
        url = reverse("cases:attachment_download", kwargs={"pk": obj.case_id, "attachment_pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(admin.ModelAdmin):
    """Where the numbering continues from a paper register, an admin sets the last number used."""

    access_scope = NotCaseData("counters of the reference numbers, one per prefix and year")

    list_display = ["prefix", "year", "last"]
    list_filter = ["prefix", "year"]
    search_fields = ["prefix"]
    ordering = ["-year", "prefix"]


class CaseRecordLogAdmin(AccessScopedAdmin):
    """Records written by the system about a case (logs, notifications): read-only, and listed
    only for cases the admin user may see (or for no case)."""

    access_scope = ThroughCases("case", unlinked=True)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(CaseRecordLogAdmin):
    """The log is evidence."""

    list_display = ["at", "user", "action", "case", "detail", "ip_address"]
    list_filter = ["action", "at"]
    search_fields = ["user__username", "user__full_name", "case__reference", "detail", "ip_address"]
    list_select_related = ["user", "case"]
    date_hierarchy = "at"


@admin.register(Review)
class ReviewAdmin(CaseChildAdmin):
    list_display = ["case", "number", "status", "police_agency", "assigned_to", "due_date", "decided_at"]
    list_filter = ["status", "police_agency"]
    search_fields = ["case__reference", "case__title"]
    list_select_related = ["case", "police_agency", "assigned_to"]
    readonly_fields = [f.name for f in Review._meta.fields]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # outcomes are recorded on the review page, by the police


@admin.register(SecrecyMark)
class SecrecyMarkAdmin(CaseChildAdmin):
    list_display = ["title", "level", "register_number", "custodian", "case"]
    list_filter = ["level"]
    search_fields = ["title", "register_number", "case__reference"]
    readonly_fields = ["case", "recorded_by", "recorded_at"]


@admin.register(FollowUp)
class FollowUpAdmin(CaseChildAdmin):
    list_display = ["title", "case", "assignee_user", "assignee_agency", "due_date", "status"]
    list_filter = ["status", "assignee_agency"]
    search_fields = ["title", "case__reference"]
    list_select_related = ["case", "assignee_user", "assignee_agency"]
    readonly_fields = [f.name for f in FollowUp._meta.fields]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # follow-ups are closed on the case page, by their assignees


@admin.register(PostVisitReport)
class PostVisitReportAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    access_scope = ThroughCases("followup__case")
    list_display = ["followup", "filed_by", "filed_at"]
    search_fields = ["summary", "followup__case__reference"]
    list_select_related = ["followup__case", "filed_by"]
    readonly_fields = [f.name for f in PostVisitReport._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # filed on the case's report page

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# The working calendar's and the retention's settings, with their history.
from ttdn.cases import admin_settings  # noqa: E402, F401

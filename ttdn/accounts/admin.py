from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Count, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.admin_security import account_events_table
from ttdn.accounts.models import Agency, AgencyName, User
from ttdn.accounts.roles import ROLE_NAMES, Role
from ttdn.accounts.security import api_tokens_revoke
from ttdn.accounts.services import agency_save, user_sync_agency_group
from ttdn.admin_access import NotCaseData
from ttdn.history_admin import HistoryAdmin


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class AgencyNameInline(admin.TabularInline):
    """The agency's name in the guests' languages other than English (its English name is on the
    agency), for the print-outs handed to guests (``Agency.name_in``)."""

    model = AgencyName
    extra = 1
    fields = ["language", "name"]


@admin.register(Agency)
class AgencyAdmin(HistoryAdmin):
    access_scope = NotCaseData("the province's agencies: a directory")
    list_display = ["name_vi", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_vi", "name_en", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["group"]
    inlines = [AgencyNameInline]

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm, change: bool) -> None:
        agency_save(agency=obj, actor=_actor(request))


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(role.value), str(role.label)) for role in Role]

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> QuerySet[User]:
        if self.value():
            return queryset.filter(groups__name=self.value())
        return queryset


@admin.register(User)
class UserAdmin(HistoryAdmin, DjangoUserAdmin):
    """Users, their roles (groups) and agency, with the history of who changed them."""

    access_scope = NotCaseData("the accounts of the staff who sign in")
    actions = ["revoke_api_tokens"]
    readonly_fields = ["account_events"]

    @admin.action(description=_("Revoke the API tokens of the selected users"), permissions=["revoke_tokens"])
    def revoke_api_tokens(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        assert isinstance(request.user, User)  # noqa: S101 - AUTH_USER_MODEL
        count = api_tokens_revoke(actor=request.user, users=queryset)
        self.message_user(request, _("%(count)s API token(s) revoked.") % {"count": count})

    def has_revoke_tokens_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.delete_apitoken")

    @admin.display(description=_("What admins did to this user's sign-in"))
    def account_events(self, obj: User) -> str:
        return account_events_table(obj)

    list_display = [
        "username",
        "full_name",
        "email",
        "agency",
        "is_active",
        "is_staff",
        "last_login",
    ]
    list_filter = [RoleFilter, "agency", "is_active", "is_staff", "preferred_language"]
    search_fields = ["username", "full_name", "email", "phone", "agency__name_vi", "agency__code"]
    list_select_related = ["agency"]
    ordering = ["full_name", "username"]
    autocomplete_fields = ["agency"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {
                "fields": (
                    "full_name",
                    "email",
                    "phone",
                    "agency",
                    "position",
                    "is_agency_lead",
                    "preferred_language",
                    "email_digest",
                )
            },
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
        (_("Second factors, lockouts and API tokens"), {"fields": ("account_events",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "email", "agency", "password1", "password2"),
            },
        ),
    )

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # Agency groups follow the user's agency; only the role groups are chosen by hand.
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=ROLE_NAMES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user_sync_agency_group(user=form.instance, actor=_actor(request))


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    access_scope = NotCaseData("the roles and the agencies' groups")
    list_display = ["name", "member_count"]
    list_filter = [("agency", admin.EmptyFieldListFilter)]
    search_fields = ["name", "agency__name_vi"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Group]:
        return super().get_queryset(request).annotate(member_count=Count("user"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj: Group) -> int:
        return obj.member_count  # type: ignore[attr-defined]

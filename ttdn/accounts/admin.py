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
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ttdn.accounts import admin_security  # noqa: F401 - the lockout records and the API tokens
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import ROLE_NAMES, Role
from ttdn.accounts.services import agency_save, user_sync_agency_group
from ttdn.admin_access import NotCaseData


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    access_scope = NotCaseData("the province's agencies: a directory")
    list_display = ["name_vi", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_vi", "name_en", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["group"]

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm, change: bool) -> None:
        agency_save(agency=obj)


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
class UserAdmin(DjangoUserAdmin):
    access_scope = NotCaseData("the accounts of the staff who sign in")
    actions = ["revoke_api_tokens"]

    @admin.action(description=_("Revoke the API tokens of the selected users"))
    def revoke_api_tokens(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        from rest_framework.authtoken.models import Token

        count, _deleted = Token.objects.filter(user__in=queryset).delete()
        self.message_user(request, _("%(count)s API token(s) revoked.") % {"count": count})

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
        user_sync_agency_group(user=form.instance)


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


class SecondFactorAdmin(admin.ModelAdmin):
    """Admins see who has which second factor and delete a lost one (the user then sets up a new
    phone at the next sign-in); they never see a secret or a backup code, and add none."""

    access_scope = NotCaseData("a user's second factors, without their secrets")

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__full_name"]
    list_select_related = ["user"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
    admin.site.register(_device_model, SecondFactorAdmin)

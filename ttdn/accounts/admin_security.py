"""The admin's security operations (README, "Sign-in and security"), for the admin role:

- second factors (django-otp): see who has which, delete a lost one; never a key or a code;
- the lockout (django-axes): see the failed sign-ins, delete them to lift a lockout; the sign-in
  logs to read;
- API tokens: see whose exist and since when, delete (revoke) them; never a key;
- the account events: what admins did of the above, on each user's page (``account_events_table``).

Each deletion goes through ttdn/accounts/security.py, which records it as an account event of the
user concerned. The packages' own admins are replaced; none of these is case data
(ttdn/admin_access.py).
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from ttdn.accounts.models import AccountEvent, ApiToken, User
from ttdn.accounts.security import api_tokens_revoke, lockouts_lift, second_factors_delete
from ttdn.admin_access import NotCaseData


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - AUTH_USER_MODEL
    return request.user


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the system writes: nobody adds or changes them here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SecondFactorAdmin(ReadOnlyAdmin):
    """Admins see who has which second factor and delete a lost one (the user then sets up a new
    phone at the next sign-in); they never see a secret or a backup code, and add none."""

    access_scope = NotCaseData("a user's second factors, without their secrets")
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__full_name"]
    list_select_related = ["user"]
    fields = readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        second_factors_delete(actor=_actor(request), devices=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        second_factors_delete(actor=_actor(request), devices=queryset.select_related("user"))


class LockoutAttemptAdmin(AccessAttemptAdmin):
    """Failed sign-ins per user name and address: deleting them lifts the lockout."""

    access_scope = NotCaseData("failed sign-ins per user name and address (the lockout)")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: AccessAttempt) -> None:
        lockouts_lift(actor=_actor(request), attempts=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        lockouts_lift(actor=_actor(request), attempts=queryset)


class SignInLogAdmin(AccessLogAdmin):
    access_scope = NotCaseData("sign-ins per user name and address")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the evidence of who signed in


class SignInFailureLogAdmin(AccessFailureLogAdmin):
    access_scope = NotCaseData("failed sign-ins per user name and address")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ApiTokenAdmin(TokenAdmin):
    """Whose API tokens exist and since when, by user (the key is the token: it is never shown,
    not even in the address); deleting one revokes it."""

    access_scope = NotCaseData("the users' API tokens, without their keys")
    list_display = ("user", "created")
    list_select_related = ("user",)
    fields = ("user", "created")
    readonly_fields = ("user", "created")
    search_fields = ("user__username", "user__full_name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a token is asked for with the password (and the second factor)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: ApiToken) -> None:
        api_tokens_revoke(actor=_actor(request), users=[obj.user])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        api_tokens_revoke(actor=_actor(request), users=User.objects.filter(auth_token__in=queryset))


@admin.register(AccountEvent)
class AccountEventAdmin(ReadOnlyAdmin):
    """Every account event, also those of a name no user has (a lockout lifted)."""

    access_scope = NotCaseData("what admins did to the users' sign-in")
    list_display = ["at", "username", "code", "text", "actor"]
    list_filter = ["code", "at"]
    search_fields = ["username", "user__full_name", "actor__username"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    fields = readonly_fields = ("at", "user", "username", "code", "text", "actor")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the record of what was done


def account_events_table(user: User) -> str:
    """What admins did to ``user``'s sign-in, newest first, for the user's page in the admin."""
    events = AccountEvent.objects.filter(user=user).select_related("actor")[:50]
    if not events:
        return str(_("None yet."))
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                date_format(timezone.localtime(e.at), "SHORT_DATETIME_FORMAT"),
                e.get_code_display(),
                e.text,
                e.actor or "",
            )
            for e in events
        ),
    )
    head = format_html(
        "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        *(_("when"), _("operation"), _("detail"), _("done by")),
    )
    return format_html("<table><thead>{}</thead><tbody>{}</tbody></table>", head, rows)


REPLACED: list[tuple[type[Model], type[admin.ModelAdmin]]] = [
    (TOTPDevice, SecondFactorAdmin),
    (StaticDevice, SecondFactorAdmin),
    (AccessAttempt, LockoutAttemptAdmin),
    (AccessLog, SignInLogAdmin),
    (AccessFailureLog, SignInFailureLogAdmin),
    (TokenProxy, ApiTokenAdmin),  # under the name that shows no key
]
for _model, _model_admin in REPLACED:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(ApiToken if _model is TokenProxy else _model, _model_admin)

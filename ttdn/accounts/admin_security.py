"""The admin of the sign-in records (django-axes) and of the API tokens (REST framework).

The packages register admins of their own; they are registered again here as what they are to
the access policy (ttdn/admin_access.py): accounts' data, never case data.
"""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from ttdn.admin_access import NotCaseData


class LockoutAttemptAdmin(AccessAttemptAdmin):
    access_scope = NotCaseData("failed sign-ins per user name and address (the lockout)")


class SignInLogAdmin(AccessLogAdmin):
    access_scope = NotCaseData("sign-ins per user name and address")


class SignInFailureLogAdmin(AccessFailureLogAdmin):
    access_scope = NotCaseData("failed sign-ins per user name and address")


class ApiTokenAdmin(TokenAdmin):
    access_scope = NotCaseData("the users' API tokens")


for _model, _model_admin in [
    (AccessAttempt, LockoutAttemptAdmin),
    (AccessLog, SignInLogAdmin),
    (AccessFailureLog, SignInFailureLogAdmin),
    (TokenProxy, ApiTokenAdmin),
]:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)

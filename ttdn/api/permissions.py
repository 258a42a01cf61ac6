from __future__ import annotations

from typing import Any

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from ttdn.accounts.models import User
from ttdn.accounts.roles import roles_of
from ttdn.cases.errors import CaseError
from ttdn.cases.policy import Refusal


class HasRole(BasePermission):
    """Signed in (token or session) and given one of the five roles: what the pages require."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and roles_of(request.user))


def api_user(request: Request) -> User:
    """The signed-in user of an API request, typed (``HasRole`` let only a user with a role in)."""
    assert isinstance(request.user, User)  # noqa: S101 - HasRole
    return request.user


def refuse(refusal: Refusal | None) -> None:
    """The API's answer to a rule of the policy: go on; 403 when it is who the user is; otherwise
    409 with the reason (``CaseError``, see ``ttdn.api.errors``)."""
    if refusal is None:
        return
    if refusal.by_role:
        raise PermissionDenied(refusal)
    raise CaseError(refusal)

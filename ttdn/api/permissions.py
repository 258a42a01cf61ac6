from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from ttdn.accounts.roles import roles_of


class HasRole(BasePermission):
    """Signed in (token or session) and given one of the five roles: what the pages require."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and roles_of(request.user))

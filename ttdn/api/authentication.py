"""Token authentication that keeps the second factor's promise (ttdn/accounts/two_factor.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ttdn.accounts.two_factor import token_issued_with_second_factor


class SecondFactorTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if not token_issued_with_second_factor(token):
            raise exceptions.AuthenticationFailed(
                _(
                    "This token was issued without the second factor your account now needs; ask for a new one."
                )
            )
        return user, token

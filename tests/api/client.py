"""The API tests' client: requests with a user's token, as the token endpoint issues it."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ttdn.accounts.two_factor import two_factor_required_by_role

API = "/api/v1"


def _as(api: APIClient, user) -> APIClient:
    """Requests with the user's token, as issued by the token endpoint (with the second factor,
    for those who need one: they have an authenticator older than the token)."""
    if two_factor_required_by_role(user):
        TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "authenticator"})
    token, _ = Token.objects.get_or_create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api

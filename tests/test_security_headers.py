"""The headers every answer carries, and templates with no inline code for the CSP to allow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponseBase
from django.test import Client
from django.urls import reverse

from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db

INLINE_CODE = [
    re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),  # a script without src
    re.compile(r"<style[\s>]", re.IGNORECASE),
    re.compile(r"\sstyle\s*=", re.IGNORECASE),
    re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),  # onclick=, onsubmit=, ...
    re.compile(r"javascript:", re.IGNORECASE),
]


def assert_strict_csp(response: HttpResponseBase) -> None:
    policy = response.get("Content-Security-Policy", "")
    directives = dict(([*part.strip().split(" ", 1), ""])[:2] for part in policy.split(";") if part.strip())
    assert directives.get("script-src") == "'self'", policy
    styles = directives.get("style-src", "").split()
    assert styles[0] == "'self'" and all(s.startswith("'sha256-") for s in styles[1:]), policy
    assert directives.get("default-src") == "'self'", policy
    assert directives.get("frame-ancestors") == "'none'", policy
    assert directives.get("object-src") == "'none'", policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def _templates() -> list[Path]:
    folders = [Path(settings.BASE_DIR) / "templates"]
    folders += list(Path(settings.BASE_DIR).glob("*/templates"))
    folders += list((Path(settings.BASE_DIR) / "ttdn").glob("*/templates"))
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_templates_hold_no_inline_script_style_or_handler() -> None:
    templates = _templates()
    assert len(templates) > 40
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in templates
        for pattern in INLINE_CODE
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []


@pytest.mark.parametrize("url_name", ["login", "password_reset"])
def test_pages_for_everyone_carry_the_security_headers(client: Client, url_name: str) -> None:
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert_strict_csp(response)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def test_signed_in_pages_the_admin_and_the_api_docs_carry_the_csp(client: Client, make_user) -> None:
    client.force_login(make_user(Role.ADMIN, is_staff=True))
    for url in (reverse("home"), reverse("cases:list"), reverse("admin:index"), "/api/v1/docs/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_csp(response)

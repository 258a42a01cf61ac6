"""Every URL of the project, as anonymous and as each role: no 500, nothing the policy hides, and
every page under the strict Content-Security-Policy."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import make_agency, make_delegation, person_data
from tests.test_security_headers import assert_strict_csp
from ttdn.accounts.models import Agency
from ttdn.accounts.roles import Role
from ttdn.accounts.services import user_calendar_token_reset
from ttdn.cases.models import Case
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update

pytestmark = pytest.mark.django_db

PASSPORT = "ZZ9876543"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + _as_route(pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def _as_route(pattern: URLPattern | URLResolver) -> str:
    text = str(pattern.pattern)
    if text.startswith("^") or text.endswith("$") or "(?P<" in text:
        text = text.lstrip("^").rstrip("$").replace("\\Z", "")
        return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)
    return text


def _urls(route: str, values: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(str(m.group(1)), "1"), route)


@pytest.fixture
def world(make_user, attachment_storage):
    author = make_user(Role.PROTOCOL)
    host = make_agency()
    make_agency(code="ca-tinh", kind=Agency.Kind.POLICE)
    hidden = make_delegation(
        actor=author, access_level="restricted", title="Hồ sơ mật ABCXYZ", co_hosts=[host]
    )
    shown = make_delegation(actor=author, co_hosts=[host], title="Hồ sơ thường")
    case_update(
        actor=author,
        case=shown,
        data=CaseData(
            fields={},
            co_host_agencies=[host],
            participants=[ParticipantData(person_data("Jane Doe", "GB", PASSPORT))],
        ),
    )
    for case in (hidden, shown):
        attachment_add(
            actor=author, case=case, upload=SimpleUploadedFile("a.pdf", PDF), kind="request_letter"
        )
    return author, host, hidden, shown


def test_no_url_errors_or_shows_what_the_policy_hides(world, make_user, client: Client) -> None:
    _author, host, hidden, shown = world
    walkers = {
        "anonymous": None,
        "protocol": make_user(Role.PROTOCOL),
        "leader": make_user(Role.LEADER),
        "admin": make_user(Role.ADMIN, is_staff=True),
        "police": make_user(Role.POLICE),
        "agency": make_user(Role.AGENCY, agency=make_agency()),
        "host": make_user(Role.AGENCY, agency=host),
    }
    # who may see the normal case, and who may see its passport numbers in full
    sees_shown = {"protocol", "leader", "admin", "host"}
    sees_passport = {"protocol", "admin"}
    routes = sorted(set(_routes(get_resolver().url_patterns)))
    case_type = ContentType.objects.get_for_model(Case)
    checked = 0
    for name, user in walkers.items():
        client.logout()
        token = user_calendar_token_reset(user=user) if user else "none"
        if user:
            client.force_login(user)
        for case in (hidden, shown):
            attachment = case.attachments.get()
            values = {
                "pk": str(case.pk), "object_id": str(case.pk), "attachment_pk": str(attachment.pk),
                "token": token, "name": "approve", "action": "grant", "app_label": "cases",
                "content_type_id": str(case_type.pk), "uidb64": "MQ", "url": "cases/case/",
            }  # fmt: skip
            for route in routes:
                url = _urls(route, values)
                response = client.get(url)
                checked += 1
                assert response.status_code < 500, (name, url)
                if response.get("Content-Type", "").startswith("text/html"):
                    assert_strict_csp(response)
                if getattr(response, "streaming", False):
                    body = b"".join(response.streaming_content).decode(errors="replace")  # type: ignore[attr-defined]
                else:
                    body = response.content.decode(errors="replace")
                assert hidden.reference not in body and "ABCXYZ" not in body, (name, url)
                if name not in sees_shown:
                    assert shown.reference not in body, (name, url)
                if name not in sees_passport:
                    assert PASSPORT not in body, (name, url)
    assert checked > 300

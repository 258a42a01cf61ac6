"""The case page, the register and the API list take the same number of queries for one document
as for many."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.client import API, _as
from ttdn.documents.models import Register
from ttdn.documents.services import document_draft, document_issue, incoming_record

pytestmark = pytest.mark.django_db


def _queries(read: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def _more_documents(case, templates, protocol, count: int) -> None:
    for n in range(count):
        document = document_draft(actor=protocol, case=case, template=templates["submission"])
        if n % 2:
            document_issue(actor=protocol, document=document, signer="Ký", issued_on=timezone.localdate(),
                           recipients=["UBND"])  # fmt: skip
        incoming_record(actor=protocol, register=Register.objects.get(code="van-ban-den"), issuing_body="Sở",
                        received_on=timezone.localdate(), summary=f"Công văn {n}", case=case)  # fmt: skip


def test_the_case_page_register_and_api_do_not_grow_with_the_documents(templates, case, protocol) -> None:
    client = Client()
    client.force_login(protocol)
    client.get(reverse("home"))  # the first request renews the session (then once a minute)
    api = _as(APIClient(), protocol)
    reads = {
        "case page": lambda: client.get(case.get_absolute_url()),
        "register": lambda: client.get(reverse("documents:register_out"), {"drafts": "on"}),
        "register in": lambda: client.get(reverse("documents:register_in")),
        "export": lambda: client.get(reverse("documents:register_out"), {"format": "xlsx"}),
        "api": lambda: api.get(f"{API}/documents/"),
    }
    _more_documents(case, templates, protocol, 2)
    for read in reads.values():  # the shared caches warm (the templates the case page offers)
        read()
    few = {name: _queries(read) for name, read in reads.items()}
    _more_documents(case, templates, protocol, 8)
    many = {name: _queries(read) for name, read in reads.items()}

    assert many == few

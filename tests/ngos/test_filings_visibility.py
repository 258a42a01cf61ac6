"""A project's progress reports are seen only by who may see the project: a host agency that sees
an NGO through its visit does not see the filings of the NGO's other projects, on the NGO's page,
its downloads, the API or the admin."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from ngos.admin import FilingAdmin
from ngos.models import Filing
from ngos.selectors import filings_visible_to
from ngos.services.registry import Receipt, filing_record
from tests.api.client import API, _as
from tests.ngos.projects_helpers import make_project
from tests.ngos.registry_world import PDF, World, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _unseen_report(world: World) -> Filing:
    """A progress report of a project of the agency's NGO that no visit of the agency serves."""
    project = make_project(world.users["protocol"], world.hosted, title="Dự án không liên quan")
    filing = Filing.objects.filter(project=project).order_by("period_end").first()
    assert filing is not None
    receipt = Receipt(received_on=datetime.date(2026, 7, 20))
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    return filing_record(actor=world.users["protocol"], filing=filing, receipt=receipt, upload=upload)


def test_the_agency_does_not_see_the_filings_of_a_project_it_may_not_see(world: World) -> None:
    report = _unseen_report(world)
    agency: Any = world.users["agency"]
    certificate_filings = set(Filing.objects.filter(ngo=world.hosted, project__isnull=True))
    assert certificate_filings  # the NGO's own filings: still seen
    assert set(filings_visible_to(agency).filter(ngo=world.hosted)) == certificate_filings
    assert report in filings_visible_to(world.users["protocol"])

    client = Client()
    client.force_login(agency)
    page = client.get(reverse("ngos:detail", kwargs={"pk": world.hosted.pk}))
    assert page.status_code == 200
    assert {filing for filing, _state in page.context["filings"]} == certificate_filings
    assert "Dự án không liên quan" not in page.content.decode()
    download = reverse("ngos:filing_document", kwargs={"pk": world.hosted.pk, "filing_pk": report.pk})
    assert client.get(download).status_code == 404

    api = _as(APIClient(), agency)
    assert api.get(f"{API}/ngo-filings/{report.pk}/").status_code == 404
    listed = {row["id"] for row in api.get(f"{API}/ngo-filings/").json()["results"]}
    assert report.pk not in listed and listed == {filing.pk for filing in certificate_filings}

    assert set(FilingAdmin.access_scope.visible(Filing.objects.all(), agency)) == certificate_filings

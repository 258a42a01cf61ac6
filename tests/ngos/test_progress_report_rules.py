"""A project's progress report is recorded as every filing is (``filing_record``): its upload
checked like the case attachments, on the page beside its field; not received in the future; its
document not dated after it arrived; a replaced scan removed once the new one is saved."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ngos.models import Filing
from ngos.services.projects import project_report_record
from ngos.services.registry import Receipt, filing_record
from tests.ngos.projects_helpers import World, make_world
from tests.ngos.registry_world import PDF
from ttdn.accounts.models import User

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(make_user: Callable[..., User], attachment_storage: Any) -> World:
    return make_world(make_user)


def _report(world: World) -> Filing:
    filing = world.project.filings.order_by("period_end").first()
    assert filing is not None
    return filing


def _pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_page_refuses_an_upload_that_is_not_a_document_beside_its_field(world: World) -> None:
    filing = _report(world)
    client = Client()
    client.force_login(world.protocol)
    url = reverse("ngos:project_report", kwargs={"pk": world.project.pk, "filing_pk": filing.pk})
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    answer = client.post(url, {"received_on": "2026-07-10", "file": fake})
    assert answer.status_code == 400
    assert answer.context["form"].errors.get("file")
    filing.refresh_from_db()
    assert filing.received_on is None and not filing.file


def test_the_service_checks_the_upload_the_dates_and_removes_a_replaced_scan(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    filing = _report(world)
    with pytest.raises(ValidationError):
        project_report_record(
            actor=world.protocol, filing=filing, received_on=timezone.localdate() + datetime.timedelta(days=1)
        )
    with pytest.raises(ValidationError) as error:
        project_report_record(
            actor=world.protocol, filing=filing, received_on=D(2026, 7, 10), document_date=D(2026, 7, 11)
        )
    assert "document_date" in error.value.message_dict
    with pytest.raises(ValidationError):
        bad = SimpleUploadedFile("bao-cao.pdf", b"plain text", content_type="application/pdf")
        project_report_record(actor=world.protocol, filing=filing, received_on=D(2026, 7, 10), file=bad)
    filing.refresh_from_db()
    assert filing.received_on is None and not filing.file

    first = project_report_record(
        actor=world.protocol, filing=filing, received_on=D(2026, 7, 10), file=_pdf()
    )
    old = first.file.name
    storage = first.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        second = project_report_record(
            actor=world.protocol, filing=filing, received_on=D(2026, 7, 10), file=_pdf("ban-moi.pdf")
        )
    assert second.original_name == "ban-moi.pdf" and second.file.name != old
    assert not storage.exists(old) and storage.exists(second.file.name)


def test_no_filing_arrives_in_the_future(world: World) -> None:
    annual = Filing.objects.create(
        ngo=world.ngo, kind=Filing.Kind.ANNUAL_REPORT, year=2026, due_on=D(2026, 12, 15)
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        filing_record(actor=world.protocol, filing=annual, receipt=Receipt(received_on=tomorrow))
    assert "received_on" in error.value.message_dict
    assert Filing.objects.get(pk=annual.pk).received_on is None

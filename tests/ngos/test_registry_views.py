"""The registry's pages: what each role lists it can open, a record it may not see is a 404 on
every URL, only protocol staff get the forms (403 for the others), errors come back beside their
fields with nothing saved, scans are served through a permission check and logged."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ngos.models import Certificate, Filing, Ngo
from ngos.services.registry import NgoData, certificate_add, ngo_create
from tests.ngos.registry_world import PDF, World, certificate_values, ngo_organisation, world_fixture  # noqa: F401
from ttdn.cases.models import AccessLog, Case

pytestmark = pytest.mark.django_db


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ngo_urls(ngo: Ngo) -> dict[str, str]:
    certificate = ngo.certificates.first() or certificate_add(
        actor=_protocol(), ngo=ngo, values=certificate_values("0/T")
    )
    filing = ngo.filings.first()
    assert filing is not None
    contact = ngo.contacts.first()
    urls = {
        "detail": reverse("ngos:detail", kwargs={"pk": ngo.pk}),
        "edit": reverse("ngos:edit", kwargs={"pk": ngo.pk}),
        "certificate_add": reverse("ngos:certificate_add", kwargs={"pk": ngo.pk}),
        "certificate_edit": reverse(
            "ngos:certificate_edit", kwargs={"pk": ngo.pk, "certificate_pk": certificate.pk}
        ),
        "certificate_scan": reverse(
            "ngos:certificate_scan", kwargs={"pk": ngo.pk, "certificate_pk": certificate.pk}
        ),
        "contact_add": reverse("ngos:contact_add", kwargs={"pk": ngo.pk}),
        "filing_record": reverse("ngos:filing_record", kwargs={"pk": ngo.pk, "filing_pk": filing.pk}),
        "filing_document": reverse("ngos:filing_document", kwargs={"pk": ngo.pk, "filing_pk": filing.pk}),
    }
    if contact is not None:
        urls["contact_edit"] = reverse("ngos:contact_edit", kwargs={"pk": ngo.pk, "contact_pk": contact.pk})
    return urls


_PROTOCOL: list[Any] = []


def _protocol() -> Any:
    return _PROTOCOL[0]


@pytest.fixture
def scanned(world: World) -> World:
    """Both NGOs with a scanned certificate and a contact."""
    from ngos.services.registry import contact_set

    protocol = world.users["protocol"]
    _PROTOCOL[:] = [protocol]
    for ngo in (world.hosted, world.other):
        certificate_add(
            actor=protocol,
            ngo=ngo,
            values=certificate_values(f"S/{ngo.pk}"),
            upload=SimpleUploadedFile("scan.pdf", PDF),
        )
        contact_set(actor=protocol, ngo=ngo, values={"name": f"Contact {ngo.pk}"})
    return world


@pytest.mark.parametrize("role", ["protocol", "police", "agency", "leader", "admin"])
def test_each_role_lists_exactly_the_ngos_it_can_open(world: World, role: str) -> None:
    client = client_of(world.users[role])
    listed = client.get(reverse("ngos:list"))
    assert listed.status_code == 200
    shown = {ngo.pk for ngo, _state in listed.context["rows"]}
    openable = {
        ngo.pk
        for ngo in Ngo.objects.all()
        if client.get(reverse("ngos:detail", kwargs={"pk": ngo.pk})).status_code == 200
    }
    assert shown == openable
    expected = {world.hosted.pk} if role == "agency" else {world.hosted.pk, world.other.pk}
    assert shown == expected


def test_every_url_of_an_ngo_the_agency_may_not_see_is_a_404(scanned: World) -> None:
    client = client_of(scanned.users["agency"])
    for name, url in ngo_urls(scanned.other).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code in (404, 405), name
    assert client.get(reverse("ngos:detail", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize("role", ["police", "agency", "leader", "admin"])
def test_who_only_reads_the_registry_is_refused_its_forms(scanned: World, role: str) -> None:
    client = client_of(scanned.users[role])
    urls = ngo_urls(scanned.hosted)
    assert client.get(urls["detail"]).status_code == 200
    for name in (
        "edit",
        "certificate_add",
        "certificate_edit",
        "contact_add",
        "contact_edit",
        "filing_record",
    ):
        assert client.get(urls[name]).status_code == 403, name
        assert client.post(urls[name], {"name": "X"}).status_code == 403, name
    assert client.get(reverse("ngos:create")).status_code == 403
    page = client.get(urls["detail"]).content.decode()
    assert urls["edit"] not in page and urls["certificate_add"] not in page


def test_a_scan_is_downloaded_through_the_page_s_check_and_logged(scanned: World) -> None:
    agency = scanned.users["agency"]
    url = ngo_urls(scanned.hosted)["certificate_scan"]
    certificate = scanned.hosted.certificates.exclude(file="").get()
    response = client_of(agency).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    log = AccessLog.objects.get(user=agency, action=AccessLog.Action.DOWNLOAD)
    assert log.detail == certificate.original_name == "scan.pdf"
    # The file is not served where the registry's page is not open.
    assert client_of(agency).get(ngo_urls(scanned.other)["certificate_scan"]).status_code == 404
    assert AccessLog.objects.filter(user=agency).count() == 1


def test_protocol_creates_an_ngo_then_a_certificate_that_owes_its_filings(world: World) -> None:
    client = client_of(world.users["protocol"])
    response = client.post(
        reverse("ngos:create"),
        {"name": "Save the Children", "name_vi": "Tổ chức Cứu trợ Trẻ em", "country": "GB", "acronym": "SC"},
    )
    ngo = Ngo.objects.get(organisation__name="Save the Children")
    assert response.status_code == 302 and response["Location"] == reverse(
        "ngos:detail", kwargs={"pk": ngo.pk}
    )
    today = timezone.localdate()
    response = client.post(
        reverse("ngos:certificate_add", kwargs={"pk": ngo.pk}),
        {
            "kind": "representative_office", "event": "issued", "number": "88/ĐKVPĐD", "issued_by": "Bộ Ngoại giao",
            "issued_on": today.isoformat(), "valid_until": (today + datetime.timedelta(days=1800)).isoformat(),
            "provinces": "Tuyên Quang", "scan": SimpleUploadedFile("gcn.pdf", PDF),
        },
    )  # fmt: skip
    assert response.status_code == 302
    certificate = Certificate.objects.get(number="88/ĐKVPĐD")
    assert certificate.original_name == "gcn.pdf"
    assert set(certificate.filings.values_list("kind", flat=True)) == {"activity_plan", "bank_account"}
    page = client.get(reverse("ngos:detail", kwargs={"pk": ngo.pk}))
    assert "88/ĐKVPĐD" in page.content.decode() and len(page.context["filings"]) == 2


def test_a_form_with_errors_comes_back_with_them_beside_the_fields_and_nothing_saved(world: World) -> None:
    client = client_of(world.users["protocol"])
    today = timezone.localdate()
    url = reverse("ngos:certificate_add", kwargs={"pk": world.other.pk})
    response = client.post(
        url,
        {
            "kind": "operation", "event": "issued", "number": "1/X", "issued_on": today.isoformat(),
            "valid_until": (today - datetime.timedelta(days=1)).isoformat(),
            "scan": SimpleUploadedFile("scan.pdf", b"not a pdf"),
        },
    )  # fmt: skip
    assert response.status_code == 400
    form = response.context["form"]
    assert "valid_until" in form.errors and "scan" in form.errors
    assert not world.other.certificates.exists() and not Filing.objects.filter(ngo=world.other).exists()
    response = client.post(reverse("ngos:create"), {"name": "", "country": ""})
    assert response.status_code == 400 and {"name", "country"} <= set(response.context["form"].errors)
    response = client.post(reverse("ngos:create"), {"name": "Oxfam Novib", "country": "NL"})
    assert response.status_code == 400 and Ngo.objects.count() == 2


def test_a_known_ngo_organisation_is_taken_in_from_the_create_page(world: World) -> None:
    plan = ngo_organisation("Plan International", "GB")
    client = client_of(world.users["protocol"])
    page = client.get(reverse("ngos:create"))
    assert plan in page.context["form"].fields["organisation"].queryset
    response = client.post(reverse("ngos:create"), {"organisation": plan.pk, "acronym": "Plan"})
    assert response.status_code == 302
    assert Ngo.objects.get(organisation=plan).acronym == "Plan"


def test_the_filing_s_arrival_is_recorded_on_its_page(world: World) -> None:
    client = client_of(world.users["protocol"])
    filing = world.hosted.filings.get(kind="bank_account")
    today = timezone.localdate().isoformat()
    url = reverse("ngos:filing_record", kwargs={"pk": world.hosted.pk, "filing_pk": filing.pk})
    response = client.post(
        url,
        {
            "received_on": today,
            "document_number": "3/DRK",
            "document_date": today,
            "document": SimpleUploadedFile("tb.pdf", PDF),
        },
    )
    assert response.status_code == 302
    filing.refresh_from_db()
    assert (
        filing.received_on is not None
        and filing.document_number == "3/DRK"
        and filing.original_name == "tb.pdf"
    )
    # A filing of another NGO is not found through this one's address.
    other = Filing.objects.exclude(ngo=world.hosted).first()
    if other is not None:
        wrong = reverse("ngos:filing_record", kwargs={"pk": world.hosted.pk, "filing_pk": other.pk})
        assert client.get(wrong).status_code == 404


def test_the_list_s_queries_stay_flat_as_ngos_grow(world: World) -> None:
    client = client_of(world.users["protocol"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("ngos:list")).status_code == 200
        return len(queries)

    count()  # the first request of a session reads what later ones find cached
    before = count()
    for n in range(6):
        ngo = ngo_create(actor=world.users["protocol"], data=NgoData(name=f"NGO {n}", country="US"))
        certificate_add(actor=world.users["protocol"], ngo=ngo, values=certificate_values(f"{n}/N"))
    assert count() == before


def test_the_ngo_page_s_queries_stay_flat_as_its_records_grow(scanned: World) -> None:
    from ngos.services.registry import contact_set

    client = client_of(scanned.users["protocol"])
    url = reverse("ngos:detail", kwargs={"pk": scanned.hosted.pk})

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()  # the first request of a session reads what later ones find cached
    before = count()
    for n in range(4):
        certificate_add(
            actor=scanned.users["protocol"], ngo=scanned.hosted, values=certificate_values(f"{n}/M")
        )
        contact_set(actor=scanned.users["protocol"], ngo=scanned.hosted, values={"name": f"C {n}"})
    assert count() == before


def test_the_case_page_links_its_ngo_counterpart_for_who_may_see_it(world: World) -> None:
    case = Case.objects.get(counterpart=world.hosted.organisation)
    link = reverse("ngos:detail", kwargs={"pk": world.hosted.pk})
    for role in ("protocol", "agency", "police"):
        page = client_of(world.users[role]).get(case.get_absolute_url())
        assert page.status_code == 200
        assert link in page.content.decode(), role


def test_the_navigation_offers_the_registry_to_its_readers_and_the_agencies(world: World) -> None:
    for role in ("protocol", "police", "agency", "leader", "admin"):
        page = client_of(world.users[role]).get(reverse("home"))
        assert reverse("ngos:list") in page.content.decode(), role

"""The registry's services and reads: an NGO made or taken in, found without diacritics, its
certificates owing the filings, the filings recorded; only protocol staff write."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ngos.models import Certificate, Filing, Ngo
from ngos.selectors import ngos_visible_to
from ngos.selectors_registry import ngos_listed
from ngos.services.registry import (
    NgoData,
    Receipt,
    certificate_add,
    certificate_update,
    contact_set,
    filing_record,
    ngo_create,
    ngo_update,
)
from tests.ngos.registry_world import PDF, World, certificate_values, ngo_organisation, world_fixture  # noqa: F401
from ttdn.cases.deadlines import working_days_between
from ttdn.cases.errors import CaseError

pytestmark = pytest.mark.django_db


def names(ngos: object) -> set[str]:
    return {ngo.organisation.name for ngo in ngos}  # type: ignore[attr-defined]


def test_search_finds_an_ngo_without_diacritics_by_name_acronym_or_certificate(world: World) -> None:
    protocol = world.users["protocol"]
    assert names(ngos_listed(user=protocol, search="hoi chu thap do")) == {"Hội Chữ thập Đỏ Đức"}
    assert names(ngos_listed(user=protocol, search="DRK")) == {"Hội Chữ thập Đỏ Đức"}
    assert names(ngos_listed(user=protocol, search="12/cnv-hd")) == {"Hội Chữ thập Đỏ Đức"}
    assert names(ngos_listed(user=protocol, search="novib")) == {"Oxfam Novib"}
    # A certificate added later is found by its number; a renamed NGO by its new name.
    certificate_add(actor=protocol, ngo=world.other, values=certificate_values("77/ĐKVP"))
    assert names(ngos_listed(user=protocol, search="77/dkvp")) == {"Oxfam Novib"}
    ngo_update(actor=protocol, ngo=world.other, data=NgoData(name="Oxfam Nederland", country="NL"))
    assert names(ngos_listed(user=protocol, search="nederland")) == {"Oxfam Nederland"}


def test_the_certificate_filter_tells_valid_ending_expired_and_none(world: World) -> None:
    protocol = world.users["protocol"]
    ending = ngo_create(actor=protocol, data=NgoData(name="CARE", country="CH"))
    certificate_add(actor=protocol, ngo=ending, values=certificate_values("2/A", valid_for=60))
    expired = ngo_create(actor=protocol, data=NgoData(name="Old NGO", country="FR"))
    certificate_add(
        actor=protocol, ngo=expired, values=certificate_values("3/A", issued_ago=900, valid_for=-5)
    )
    assert names(ngos_listed(user=protocol, state="valid")) == {"Hội Chữ thập Đỏ Đức"}
    assert names(ngos_listed(user=protocol, state="ending")) == {"CARE"}
    assert names(ngos_listed(user=protocol, state="expired")) == {"Old NGO"}
    assert names(ngos_listed(user=protocol, state="none")) == {"Oxfam Novib"}
    assert names(ngos_listed(user=protocol, country="CH")) == {"CARE"}


def test_the_agency_sees_only_the_ngos_of_the_visits_it_hosts_the_others_all(world: World) -> None:
    assert names(ngos_visible_to(world.users["agency"])) == {"Hội Chữ thập Đỏ Đức"}
    for role in ("protocol", "police", "leader", "admin"):
        assert names(ngos_visible_to(world.users[role])) == {"Hội Chữ thập Đỏ Đức", "Oxfam Novib"}, role


def test_a_known_organisation_is_taken_into_the_registry_once(world: World) -> None:
    protocol = world.users["protocol"]
    plan = ngo_organisation("Plan International", "GB")
    ngo = ngo_create(actor=protocol, data=NgoData(acronym="Plan"), organisation=plan)
    assert ngo.organisation == plan and ngo.acronym == "Plan"
    with pytest.raises(ValidationError):
        ngo_create(actor=protocol, data=NgoData(), organisation=plan)
    embassy = ngo_organisation("Embassy", "JP")
    embassy.kind = "diplomatic_mission"
    embassy.save()
    with pytest.raises(ValidationError):
        ngo_create(actor=protocol, data=NgoData(), organisation=embassy)


def test_a_new_ngo_with_a_name_already_known_for_its_country_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        ngo_create(actor=world.users["protocol"], data=NgoData(name="oxfam novib", country="NL"))
    assert Ngo.objects.count() == 2


@pytest.mark.parametrize("role", ["police", "agency", "leader", "admin"])
def test_only_protocol_staff_write_the_registry(world: World, role: str) -> None:
    user = world.users[role]
    with pytest.raises(CaseError):
        ngo_create(actor=user, data=NgoData(name="X", country="US"))
    with pytest.raises(CaseError):
        ngo_update(actor=user, ngo=world.hosted, data=NgoData(name="X", country="US"))
    with pytest.raises(CaseError):
        certificate_add(actor=user, ngo=world.hosted, values=certificate_values("9/X"))
    with pytest.raises(CaseError):
        contact_set(actor=user, ngo=world.hosted, values={"name": "X"})
    filing = world.hosted.filings.first()
    assert filing is not None
    with pytest.raises(CaseError):
        filing_record(actor=user, filing=filing, receipt=Receipt(received_on=timezone.localdate()))


def test_a_certificate_owes_the_activity_plan_and_the_bank_notice_in_working_days(world: World) -> None:
    certificate = certificate_add(
        actor=world.users["protocol"], ngo=world.other, values=certificate_values("5/CNV", issued_ago=3)
    )
    owed = {filing.kind: filing for filing in certificate.filings.all()}
    assert set(owed) == {Filing.Kind.ACTIVITY_PLAN, Filing.Kind.BANK_ACCOUNT}
    assert working_days_between(certificate.issued_on, owed[Filing.Kind.ACTIVITY_PLAN].due_on) == 45
    assert working_days_between(certificate.issued_on, owed[Filing.Kind.BANK_ACCOUNT].due_on) == 10
    # Its issue date corrected: what is still owed follows it.
    moved = certificate_update(
        actor=world.users["protocol"],
        certificate=certificate,
        values={"issued_on": certificate.issued_on - datetime.timedelta(days=7)},
    )
    plan = moved.filings.get(kind=Filing.Kind.ACTIVITY_PLAN)
    assert working_days_between(moved.issued_on, plan.due_on) == 45
    assert [r.history_type for r in Certificate.history.filter(id=certificate.pk).order_by("history_date")] == [
        "+", "~",
    ]  # fmt: skip


def test_a_certificate_ending_before_it_is_issued_is_refused_and_nothing_is_kept(world: World) -> None:
    values = certificate_values("6/X", issued_ago=0, valid_for=-1)
    with pytest.raises(ValidationError):
        certificate_add(actor=world.users["protocol"], ngo=world.other, values=values)
    assert not world.other.certificates.exists() and not world.other.filings.exists()


def test_a_scan_that_is_not_a_document_is_refused(world: World) -> None:
    upload = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ValidationError):
        certificate_add(
            actor=world.users["protocol"], ngo=world.other, values=certificate_values("7/X"), upload=upload
        )
    assert not world.other.certificates.exists()


def test_a_filing_s_arrival_is_recorded_with_its_document(world: World) -> None:
    protocol = world.users["protocol"]
    filing = world.hosted.filings.get(kind=Filing.Kind.ACTIVITY_PLAN)
    today = timezone.localdate()
    recorded = filing_record(
        actor=protocol,
        filing=filing,
        receipt=Receipt(received_on=today, document_number="15/DRK", document_date=today, notes="Bản gốc"),
        upload=SimpleUploadedFile("ke-hoach.pdf", PDF),
    )
    assert (recorded.received_on, recorded.document_number, recorded.recorded_by) == (
        today,
        "15/DRK",
        protocol,
    )
    assert recorded.original_name == "ke-hoach.pdf" and recorded.file
    with pytest.raises(ValidationError):
        filing_record(
            actor=protocol,
            filing=filing,
            receipt=Receipt(received_on=today, document_date=today + datetime.timedelta(days=1)),
        )


def test_a_contact_is_added_and_corrected_with_its_history(world: World) -> None:
    protocol = world.users["protocol"]
    contact = contact_set(
        actor=protocol, ngo=world.hosted, values={"name": "Anna Weber", "email": "a@drk.de"}
    )
    contact_set(
        actor=protocol,
        ngo=world.hosted,
        contact=contact,
        values={"name": "Anna Weber", "position": "Director"},
    )
    contact.refresh_from_db()
    assert contact.position == "Director"
    assert contact.history.count() == 2
    assert contact.history.first().history_user == protocol
    with pytest.raises(ValidationError):
        contact_set(actor=protocol, ngo=world.other, contact=contact, values={"name": "X"})


def test_the_demo_has_three_ngos_with_certificates_one_ending_soon_and_the_visits_counterparts(
    db: None,
) -> None:
    from io import StringIO

    from django.core.management import call_command

    from ttdn.accounts.models import User

    call_command("seed_demo", "--force", stdout=StringIO())
    protocol, agency = User.objects.get(username="protocol"), User.objects.get(username="agency")
    with_certificates = Ngo.objects.filter(certificates__isnull=False).distinct()
    assert names(with_certificates) == {"Plan International", "CARE International", "Oxfam"}
    assert names(ngos_listed(user=protocol, state="ending")) == {"CARE International"}
    assert "Association d'amitié franco-vietnamienne" in names(Ngo.objects.all())
    assert names(ngos_visible_to(agency)) == {"CARE International"}
    assert all(ngo.contacts.exists() for ngo in with_certificates)

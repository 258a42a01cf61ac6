from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from delegations.services import delegation_create
from tests.factories import make_delegation, person_data
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case, Organisation, Person, ProgrammeItem
from ttdn.cases.services.cases import CaseData, ParticipantData, ProgrammeData, case_update

pytestmark = pytest.mark.django_db


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def test_creating_a_case_records_creator_responsible_officer_and_search_text(protocol) -> None:
    case = make_delegation(actor=protocol, title="Đoàn Hà Giang", participants=1)

    assert case.created_by == protocol
    assert case.responsible_officer == protocol
    assert case.status == Case.Status.DRAFT
    assert "doan ha giang" in case.search_text
    assert "participant 0" in case.search_text


def test_only_protocol_staff_create_cases(make_user) -> None:
    leader = make_user(Role.LEADER)

    with pytest.raises(CaseError, match="Only protocol staff"):
        make_delegation(actor=leader)
    assert not Case.objects.exists()


def test_a_programme_item_outside_the_visit_saves_nothing(protocol) -> None:
    start = timezone.localdate() + datetime.timedelta(days=5)
    with pytest.raises(ValidationError, match="falls outside the visit"):
        delegation_create(
            actor=protocol,
            delegation_kind="government",
            data=CaseData(
                fields={
                    "direction": "inbound",
                    "title": "Đoàn",
                    "start_date": start,
                    "end_date": start,
                    "lead_agency": protocol.agency,
                },
                participants=[ParticipantData(person_data("A", "JP", "X1"))],
                programme=[
                    ProgrammeData(
                        _at(start + datetime.timedelta(days=1), 9),
                        _at(start + datetime.timedelta(days=1), 10),
                        "Hội trường",
                        "meeting",
                    )
                ],
            ),
        )

    assert not Case.objects.exists()
    assert not Person.objects.exists()


def test_a_participant_listed_twice_saves_nothing(protocol) -> None:
    case = make_delegation(actor=protocol, participants=1)
    twice = ParticipantData(person_data("Tanaka", "JP", "TK1"))

    with pytest.raises(ValidationError, match="listed twice"):
        case_update(
            actor=protocol, case=case, data=CaseData(fields={"title": "Changed"}, participants=[twice, twice])
        )

    case.refresh_from_db()
    assert case.title == "Đoàn thử nghiệm"
    assert case.participants.count() == 1


def test_editing_replaces_participants_and_programme(protocol) -> None:
    case = make_delegation(actor=protocol, participants=2, programme=2)
    kept = case.participants.select_related("person").first()
    assert kept is not None
    start = case.start_date

    case_update(
        actor=protocol,
        case=case,
        data=CaseData(
            fields={},
            participants=[
                ParticipantData(
                    person_data(kept.person.full_name, "JP", kept.person.passport_number), role="head"
                )
            ],
            programme=[ProgrammeData(_at(start, 14), _at(start, 16), "Nhà máy", "site_visit")],
        ),
    )

    assert list(case.participants.values_list("person_id", "role")) == [(kept.person_id, "head")]
    assert list(ProgrammeItem.objects.filter(case=case).values_list("place", flat=True)) == ["Nhà máy"]


def test_a_closed_case_cannot_be_edited(protocol) -> None:
    case = make_delegation(actor=protocol)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CANCELLED)

    with pytest.raises(CaseError, match="can no longer be edited"):
        case_update(actor=protocol, case=case, data=CaseData(fields={"title": "New"}))


def test_the_lead_agency_is_never_its_own_co_host(protocol, agency_factory) -> None:
    other = agency_factory()
    case = make_delegation(actor=protocol, co_hosts=[protocol.agency, other])

    assert list(case.co_host_agencies.all()) == [other]


def test_a_new_counterpart_is_saved_with_its_case_or_not_at_all(protocol) -> None:
    """The services save a counterpart new to the register, in the case's own transaction: a case
    refused leaves no organisation behind; a known one (any letter case) is reused."""

    def data(name: str, **fields: object) -> CaseData:
        counterpart = Organisation(name=name, kind=Organisation.Kind.GOVERNMENT, country="KR")
        values = {"direction": "inbound", "title": "Đoàn Gyeonggi", "counterpart": counterpart,
                  "start_date": timezone.localdate(), "end_date": timezone.localdate(),
                  "lead_agency": protocol.agency, **fields}  # fmt: skip
        return CaseData(fields=values)

    with pytest.raises(ValidationError):
        delegation_create(
            actor=protocol,
            data=data("Gyeonggi Province", end_date=timezone.localdate() - datetime.timedelta(days=1)),
            delegation_kind="government",
        )
    assert not Organisation.objects.exists()

    first = delegation_create(actor=protocol, data=data("Gyeonggi Province"), delegation_kind="government")
    second = delegation_create(actor=protocol, data=data("GYEONGGI province"), delegation_kind="government")
    assert first.counterpart_id == second.counterpart_id == Organisation.objects.get().pk

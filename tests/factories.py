"""Factories for the tests: records are made through the services, as the product makes them."""

from __future__ import annotations

import datetime
import itertools
import zlib
from collections.abc import Callable
from typing import Any, cast

import factory
from django.utils import timezone

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.accounts.services import agency_save, user_set_roles, user_sync_agency_group
from ttdn.cases.models import Case

TEST_PASSWORD = "correct-horse-battery-9"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"agency-{n}")
    name_vi = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test department {n}")
    kind = Agency.Kind.DEPARTMENT

    @classmethod
    def _create(cls, model_class: type[Agency], *args: Any, **kwargs: Any) -> Agency:
        return agency_save(agency=model_class(**kwargs))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[Role] | None, **kwargs: Any) -> None:
        if not create:
            return
        user = cast(User, self)
        user_sync_agency_group(user=user)
        if extracted:
            user_set_roles(user=user, roles=extracted)


def person_data(name: str = "John Smith", nationality: str = "GB", passport: str = "", **fields: Any) -> Any:
    from ttdn.cases.services.people import PersonData

    return PersonData(full_name=name, nationality=nationality, passport_number=passport, **fields)


def make_outbound_trip(
    *,
    actor: User,
    lead_agency: Agency | None = None,
    start: datetime.date | None = None,
    days: int = 2,
    members: int = 0,
    countries: list[str] | None = None,
    co_hosts: list[Agency] | None = None,
    **fields: Any,
) -> Case:
    """An outbound delegation made through its services, with ``members`` new officials of its
    lead agency (the first one its head)."""
    from outbound.models import HeadLevel, Official, TripMember
    from outbound.services import TripData, member_add, outbound_trip_create
    from ttdn.cases.services.cases import CaseData

    ensure_police_agency()
    start = start or timezone.localdate() + datetime.timedelta(days=10)
    values: dict[str, Any] = {
        "title": "Đoàn công tác nước ngoài",
        "countries": countries or ["JP"],
        "start_date": start,
        "end_date": start + datetime.timedelta(days=days - 1),
        "lead_agency": lead_agency or actor.agency,
        **fields,
    }
    trip = TripData(head_level=HeadLevel.objects.order_by("order").first(), funding="state_budget")  # type: ignore[arg-type]
    data = CaseData(fields=values, co_host_agencies=co_hosts or [])
    case = outbound_trip_create(actor=actor, data=data, trip=trip)
    for n in range(members):
        official = Official(
            full_name=f"Cán bộ {n} {next(_numbers)}", position="Chuyên viên", agency=values["lead_agency"]
        )
        role = TripMember.Role.HEAD if n == 0 else TripMember.Role.MEMBER
        member_add(actor=actor, case=case, official=official, role=role)
    return case


def make_delegation(
    *,
    actor: User,
    lead_agency: Agency | None = None,
    start: datetime.date | None = None,
    days: int = 2,
    participants: int = 1,
    programme: int = 0,
    delegation_kind: str = "government",
    co_hosts: list[Agency] | None = None,
    **fields: Any,
) -> Case:
    """A delegation made through its service, as the create page makes it."""
    from delegations.services import delegation_create
    from ttdn.cases.services.cases import CaseData, ParticipantData, ProgrammeData

    start = start or timezone.localdate() + datetime.timedelta(days=10)
    end = start + datetime.timedelta(days=days - 1)
    tz = timezone.get_current_timezone()
    values: dict[str, Any] = {
        "direction": "inbound",
        "title": "Đoàn thử nghiệm",
        "countries": ["JP"],
        "start_date": start,
        "end_date": end,
        "lead_agency": lead_agency or actor.agency,
        **fields,
    }
    rows = [
        ParticipantData(person_data(f"Participant {n}", "JP", f"TP{n:07d}{next(_numbers)}"))
        for n in range(participants)
    ]
    items = [
        ProgrammeData(
            # ten items a day, from 8 o'clock
            start=datetime.datetime.combine(
                start + datetime.timedelta(days=n // 10), datetime.time(8 + n % 10), tzinfo=tz
            ),
            end=datetime.datetime.combine(
                start + datetime.timedelta(days=n // 10), datetime.time(9 + n % 10), tzinfo=tz
            ),
            place=f"Place {n}",
            activity="meeting",
        )
        for n in range(programme)
    ]
    data = CaseData(fields=values, co_host_agencies=co_hosts or [], participants=rows, programme=items)
    ensure_police_agency()
    return delegation_create(actor=actor, data=data, delegation_kind=delegation_kind)


def ensure_police_agency() -> Agency:
    """Submitting refers a case to the provincial police: there must be a police agency."""
    police = Agency.objects.filter(kind=Agency.Kind.POLICE, parent__isnull=True).first()
    return police or make_agency(code="police-test", name_vi="Công an tỉnh (thử)", kind=Agency.Kind.POLICE)


_numbers = itertools.count(1)


def make_agency(**fields: Any) -> Agency:
    return cast(Agency, AgencyFactory(**fields))


def make_case_of_kind(kind: str, *, actor: User, **fields: Any) -> Case:
    """A case of any registered kind; a new kind must be added here for the policy tests."""
    makers: dict[str, Callable[..., Case]] = {
        "delegation": make_delegation,
        "press": make_press_visit,
        "conference": make_conference,
        # with its head, as submitting needs
        "outbound": lambda **values: make_outbound_trip(members=1, **values),
    }
    if kind not in makers:
        raise LookupError(f"tests/factories.py cannot make a {kind!r} case yet")
    return makers[kind](actor=actor, **fields)


def police_officer() -> User:
    """An officer of the police agency that reviews the factory's cases."""
    police = ensure_police_agency()
    officer = User.objects.filter(agency=police, groups__name=Role.POLICE).first()
    return officer or cast(User, UserFactory(agency=police, roles=[Role.POLICE]))


def police_clear(case: Case, *, conditions: str = "") -> Case:
    """The police clear the submitted ``case`` through the review services, as an officer would."""
    from ttdn.cases.models import Review
    from ttdn.cases.services.reviews import review_record

    review = case.reviews.get(status=Review.Status.PENDING)
    review_record(
        actor=police_officer(),
        review=review,
        outcome=Review.Status.CLEARED_WITH_CONDITIONS if conditions else Review.Status.CLEARED,
        checklist=dict.fromkeys(Review.ITEMS, True),
        text=conditions,
    )
    return Case.objects.get(pk=case.pk)


def make_press_visit(
    *,
    actor: User,
    residency: str = "non_resident",
    start: datetime.date | None = None,
    received: datetime.date | None = None,
    lead_agency: Agency | None = None,
    co_hosts: list[Agency] | None = None,
    **fields: Any,
) -> Case:
    from press.services import CardData, PressData, press_visit_create
    from ttdn.cases.models import Organisation
    from ttdn.cases.services.cases import CaseData, ParticipantData

    ensure_police_agency()
    outlet = Organisation.objects.get_or_create(name="NHK", country="JP", defaults={"kind": "press"})[0]
    start = start or timezone.localdate() + datetime.timedelta(days=30)
    data = CaseData(
        fields={"direction": "inbound", "title": "NHK ghi hình", "counterpart": outlet, "countries": ["JP"],
                "start_date": start, "end_date": start + datetime.timedelta(days=1),
                "lead_agency": lead_agency or actor.agency, **fields},
        co_host_agencies=co_hosts or [],
        participants=[ParticipantData(person_data("Yamada Taro", "JP", "TZ1111111"), role="reporter")],
    )  # fmt: skip
    press = PressData(
        residency=residency, topics="Du lịch", escort_officer=None, request_received_on=received or start
    )
    card = CardData("JP", "TZ1111111", "permit", "BNG-1", start + datetime.timedelta(days=10))
    return press_visit_create(actor=actor, data=data, press=press, cards=[card])


def make_conference(
    *,
    actor: User,
    start: datetime.date | None = None,
    days: int = 2,
    lead_agency: Agency | None = None,
    co_hosts: list[Agency] | None = None,
    participants: tuple[tuple[str, str], ...] = (("Anna Müller", "DE"),),
    above_province: bool = False,
    sensitive_topics: bool = False,
    mode: str = "in_person",
    **fields: Any,
) -> Case:
    """A conference made through its service, as its create page makes it (``participants``:
    name and nationality of each)."""
    from conferences.models import ApprovalRule
    from conferences.services import ConferenceData, conference_create
    from ttdn.cases.services.cases import CaseData, ParticipantData

    ensure_police_agency()
    start = start or timezone.localdate() + datetime.timedelta(days=60)
    rule = ApprovalRule.objects.filter(above_province=above_province, is_active=True).first()
    rule = rule or ApprovalRule.objects.create(name=f"Rule {next(_numbers)}", above_province=above_province)
    data = CaseData(
        fields={"direction": "inbound", "title": "Hội thảo thử nghiệm", "countries": ["DE"], "start_date": start,
                "end_date": start + datetime.timedelta(days=days - 1), "lead_agency": lead_agency or actor.agency,
                **fields},
        co_host_agencies=co_hosts or [],
        participants=[
            ParticipantData(person_data(name, nationality, f"CF{zlib.crc32(name.encode()) % 10**7:07d}"))
            for name, nationality in participants
        ],
    )  # fmt: skip
    conference = ConferenceData(
        organiser="Trường Đại học Tân Trào", topic="Đa dạng sinh học", venue="Hội trường", mode=mode,
        foreign_participants=20, vietnamese_participants=80, funding="organiser", approval_rule=rule,
        sensitive_topics=sensitive_topics, sensitive_note="Chính sách dân tộc" if sensitive_topics else "",
    )  # fmt: skip
    return conference_create(actor=actor, data=data, conference=conference)


def case_data_as_now(case: Case) -> Any:
    """The CaseData of ``case`` as it is: what its edit page posts when nothing is changed."""
    from ttdn.cases.services.cases import CASE_FIELDS, CaseData, ParticipantData, ProgrammeData

    return CaseData(
        fields={name: getattr(case, name) for name in CASE_FIELDS},
        co_host_agencies=list(case.co_host_agencies.all()),
        participants=[
            ParticipantData(
                person_data(p.person.full_name, str(p.person.nationality), p.person.passport_number),
                role=p.role,
                rank=p.rank,
            )
            for p in case.participants.select_related("person")
        ],
        programme=[
            ProgrammeData(i.start, i.end, i.place, i.activity, i.hosts, i.notes, i.recording_planned)
            for i in case.programme_items.all()
        ],
    )


def file_report(case: Case, actor: User) -> Case:
    """File the post-visit report of a completed case (which moves it to reported)."""
    from ttdn.cases.models import FollowUp
    from ttdn.cases.services.post_visit import report_file

    report = case.follow_ups.get(kind=FollowUp.Kind.REPORT, status=FollowUp.Status.OPEN)
    report_file(actor=actor, followup=report, summary="Đoàn đã hoàn thành chương trình.")
    return Case.objects.get(pk=case.pk)


def approve(case: Case, *, leader: User | None = None) -> Case:
    """Submit ``case`` (as its author), have the police clear it (a leader waives the review of a
    restricted one) and a leader approve it, through the services."""
    from ttdn.cases.services.reviews import review_waive
    from ttdn.cases.services.workflow import case_approve, case_submit

    leader = leader or cast(User, UserFactory(roles=[Role.LEADER]))
    case = case_submit(actor=case.created_by, case=case)
    if case.is_restricted:
        review_waive(actor=leader, case=case, reason="Không cần kiểm tra")
        case.refresh_from_db()
    else:
        case = police_clear(case)
    return case_approve(actor=leader, case=case)

"""A benchmark dataset of delegations at the size of a merged province or a ministry
(``manage.py bench_dataset``).

Rows are written in bulk with the project's own models, and the grants are the rows the services
write (``ttdn.cases.permissions``): ``view_case`` to the lead and co-host agencies' groups,
``access_restricted_case`` to the author and the officer in charge, ``review_case`` to the police
agency once a case is referred, ``see_referred_case`` on a referred restricted case. It is deterministic
(a seeded random), so that two runs at one size measure the same data.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.utils import timezone

from delegations.models import Delegation
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.accounts.services import agency_group_name
from ttdn.cases.fields import refresh_identity_hashes
from ttdn.cases.models import (
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    FollowUp,
    Participant,
    Person,
    ProgrammeItem,
    Review,
)
from ttdn.cases.permissions import NEED_TO_KNOW, REFERRAL_SIGHT, REVIEW, VIEW
from ttdn.cases.text import fold
from ttdn.notifications.models import EmailState, Notification

BATCH = 5000
PASSWORD = "bench-TTDN-2026"  # noqa: S105 - the benchmark's users, on a benchmark database only
COUNTRIES = ["JP", "KR", "CN", "US", "FR", "DE", "LA", "KH", "TH", "AU", "GB", "IN", "RU", "SG"]
S = Case.Status
# Where the cases of a running installation stand, by when they start: what is done lies behind,
# what is being prepared ahead (so that one day's sweep finds what a real day has, not years of it).
PAST = [(S.CLOSED, 85), (S.REPORTED, 5), (S.CANCELLED, 6), (S.REJECTED, 4)]
RECENT = [(S.COMPLETED, 6), (S.REPORTED, 3), (S.CLOSED, 1)]
AHEAD = [(S.DRAFT, 3), (S.SUBMITTED, 2), (S.UNDER_REVIEW, 3), (S.APPROVED, 4), (S.CANCELLED, 1)]


def _status(rng: random.Random, start: datetime.date, end: datetime.date, today: datetime.date) -> str:
    if start <= today <= end:
        return S.IN_PROGRESS
    spread = PAST if end < today - datetime.timedelta(days=30) else RECENT if end < today else AHEAD
    return rng.choices([status for status, _ in spread], weights=[weight for _, weight in spread])[0]


@dataclass(frozen=True)
class Size:
    cases: int
    agencies: int = 200  # departments and communes of a merged province
    staff_per_agency: int = 3
    protocol: int = 20
    leaders: int = 10
    police: int = 20
    participants_per_case: int = 5
    persons_per_case: float = 2.0
    programme_per_case: int = 2
    co_hosts: tuple[int, int] = (3, 9)
    restricted_share: float = 0.05
    # The visits of a day are as many at every size (a merged province: ~60 a day), so that a page
    # that shows a month or a day shows as much at 10,000 cases as at 100,000; the larger
    # installation has the longer history. 120 days lie ahead of today.
    cases_per_day: int = 60
    days_ahead: int = 120

    @property
    def days_back(self) -> int:
        return max(1, self.cases // self.cases_per_day - self.days_ahead)


def _batches(rows: Iterator[object], size: int = BATCH) -> Iterator[list[object]]:
    batch: list[object] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(model: type, rows: Iterator[object]) -> int:
    count = 0
    for batch in _batches(rows):
        model.objects.bulk_create(batch)  # type: ignore[attr-defined]
        count += len(batch)
    return count


def _permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="cases", codename=codename)


@dataclass
class People:
    police_agency: Agency
    agencies: list[Agency]
    protocol: list[User]


def _people(size: Size, say: Callable[[str], None]) -> People:
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in Role}
    police_group = Group.objects.create(name=agency_group_name("bench-police"))
    police_agency = Agency.objects.create(
        code="bench-police", name_vi="Công an tỉnh", name_en="Provincial Police", kind=Agency.Kind.POLICE,
        group=police_group,
    )  # fmt: skip
    office_group = Group.objects.create(name=agency_group_name("bench-office"))
    office = Agency.objects.create(
        code="bench-office", name_vi="Văn phòng UBND tỉnh", name_en="Provincial People's Committee Office",
        kind=Agency.Kind.OFFICE, group=office_group,
    )  # fmt: skip
    agencies = []
    for n in range(size.agencies):
        code = f"bench-{n:04d}"
        kind = Agency.Kind.DEPARTMENT if n % 3 == 0 else Agency.Kind.OTHER
        group = Group.objects.create(name=agency_group_name(code))
        name = f"Sở thử nghiệm {n}" if kind == Agency.Kind.DEPARTMENT else f"UBND xã Thử nghiệm {n}"
        agencies.append(Agency.objects.create(code=code, name_vi=name, name_en=name, kind=kind, group=group))
    template = User(username="template")
    template.set_password(PASSWORD)  # one hash for all: the benchmark signs in with force_login

    def users(prefix: str, count: int, agency: Agency, role: Role) -> list[User]:
        made = User.objects.bulk_create(
            [
                User(
                    username=f"{prefix}{n}",
                    full_name=f"{prefix.title()} {n}",
                    email=f"{prefix}{n}@bench.vn",
                    agency=agency,
                    password=template.password,
                )
                for n in range(count)
            ]
        )
        memberships = User.groups.through
        memberships.objects.bulk_create(
            [memberships(user_id=u.pk, group_id=g) for u in made for g in (groups[role].pk, agency.group_id)]
        )
        return made

    protocol = users("protocol", size.protocol, office, Role.PROTOCOL)
    users("leader", size.leaders, office, Role.LEADER)
    users("police", size.police, police_agency, Role.POLICE)
    for n, agency in enumerate(agencies):
        users(f"staff{n}-", size.staff_per_agency, agency, Role.AGENCY)
    say(f"{len(agencies) + 2} agencies, {User.objects.count()} users")
    return People(police_agency, agencies, protocol)


def build(size: Size, *, say: Callable[[str], None] = print, seed: int = 2026) -> None:
    """Fill an empty (migrated) database with ``size``."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not a secret
    people = _people(size, say)
    today = timezone.localdate()
    year = today.year
    tz = timezone.get_current_timezone()

    def cases() -> Iterator[Case]:
        for n in range(size.cases):
            start = today + datetime.timedelta(days=rng.randint(-size.days_back, size.days_ahead))
            end = start + datetime.timedelta(days=rng.randint(0, 4))
            lead = people.agencies[n % len(people.agencies)]
            author = people.protocol[n % len(people.protocol)]
            title = f"Đoàn {rng.choice(['Nhật Bản', 'Hàn Quốc', 'Lào', 'Pháp', 'Hoa Kỳ'])} số {n} thăm và làm việc"
            yield Case(
                reference=f"DV-{year}-{n + 1:06d}", kind="delegation", direction=Case.Direction.INBOUND,
                title=title, start_date=start, end_date=end,
                lead_agency=lead, responsible_officer=author, created_by=author,
                access_level=Case.AccessLevel.RESTRICTED if rng.random() < size.restricted_share else Case.AccessLevel.NORMAL,
                status=_status(rng, start, end, today), countries=rng.choice(COUNTRIES), search_text=fold(title),
            )  # fmt: skip

    with transaction.atomic():
        say(f"{_bulk(Case, cases())} cases")
    rows = list(
        Case.objects.order_by("pk").values_list("pk", "lead_agency_id", "created_by_id", "status", "access_level", "start_date")
    )  # fmt: skip
    groups_of = {agency.pk: agency.group_id for agency in people.agencies}
    agency_ids = list(groups_of)
    co_hosts_of = {
        pk: rng.sample([a for a in agency_ids if a != lead], rng.randint(*size.co_hosts))
        for pk, lead, *_ in rows
    }

    with transaction.atomic():
        Through = Case.co_host_agencies.through
        say(
            f"{_bulk(Through, (Through(case_id=pk, agency_id=a) for pk, hosts in co_hosts_of.items() for a in hosts))} co-hosts"
        )
        kinds = [kind for kind, _label in Delegation.Kind.choices]
        say(f"{_bulk(Delegation, (Delegation(case_id=pk, delegation_kind=kinds[pk % len(kinds)]) for pk, *_ in rows))} delegations")  # fmt: skip

    view, ntk, review, sight = (_permission(c) for c in (VIEW, NEED_TO_KNOW, REVIEW, REFERRAL_SIGHT))
    police_group = people.police_agency.group_id
    referred = {pk for pk, _l, _a, status, *_ in rows if status != S.DRAFT}

    def group_grants() -> Iterator[CaseGroupObjectPermission]:
        for pk, lead, _author, status, level, _start in rows:
            for agency in (lead, *co_hosts_of[pk]):
                yield CaseGroupObjectPermission(
                    content_object_id=pk, permission=view, group_id=groups_of[agency]
                )
            if pk in referred:
                yield CaseGroupObjectPermission(
                    content_object_id=pk, permission=review, group_id=police_group
                )
                if level == Case.AccessLevel.RESTRICTED and status not in Case.WITHDRAWN:
                    yield CaseGroupObjectPermission(
                        content_object_id=pk, permission=sight, group_id=police_group
                    )

    def user_grants() -> Iterator[CaseUserObjectPermission]:
        for pk, _lead, author, *_ in rows:
            yield CaseUserObjectPermission(content_object_id=pk, permission=ntk, user_id=author)

    with transaction.atomic():
        say(f"{_bulk(CaseGroupObjectPermission, group_grants())} group grants")
        say(f"{_bulk(CaseUserObjectPermission, user_grants())} user grants")

    def persons() -> Iterator[Person]:
        for n in range(int(size.cases * size.persons_per_case)):
            person = Person(
                full_name=f"Bench Person {n}", nationality=rng.choice(COUNTRIES), passport_number=f"B{n:08d}"
            )
            refresh_identity_hashes(person)
            yield person

    with transaction.atomic():
        say(f"{_bulk(Person, persons())} persons")
    nationalities = dict(Person.objects.values_list("pk", "nationality"))
    person_ids = list(nationalities)

    def participants() -> Iterator[Participant]:
        for pk, *_ in rows:
            for order, person in enumerate(rng.sample(person_ids, size.participants_per_case)):
                role = Participant.Role.HEAD if order == 0 else Participant.Role.MEMBER
                yield Participant(
                    case_id=pk, person_id=person, role=role, order=order, nationality=nationalities[person]
                )

    def programme() -> Iterator[ProgrammeItem]:
        for pk, *_rest, start in rows:
            for n in range(size.programme_per_case):
                at = datetime.datetime.combine(start, datetime.time(8 + 2 * n), tzinfo=tz)
                yield ProgrammeItem(case_id=pk, start=at, end=at + datetime.timedelta(hours=1),
                                    place=f"Địa điểm {n}", activity="meeting")  # fmt: skip

    def reviews() -> Iterator[Review]:
        for pk, _lead, _author, status, _level, start in rows:
            if pk in referred:
                pending = status in {S.SUBMITTED, S.UNDER_REVIEW}
                yield Review(case_id=pk, number=1, police_agency=people.police_agency,
                             due_date=start - datetime.timedelta(days=5),
                             status=Review.Status.PENDING if pending else Review.Status.CLEARED)  # fmt: skip

    with transaction.atomic():
        say(f"{_bulk(Participant, participants())} participants")
        say(f"{_bulk(ProgrammeItem, programme())} programme items")
        say(f"{_bulk(Review, reviews())} reviews")
    with transaction.atomic():
        say(f"{_bulk(FollowUp, _follow_ups(rows, people, size.days_ahead))} follow-ups")
        say(f"{_bulk(Notification, _notifications(rows, people))} notifications")
    if connection.vendor == "postgresql":  # each told a week before its visit, not all today
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE notifications_notification n SET created_at = c.start_date - interval '7 days',"
                " read_at = CASE WHEN c.start_date < %s THEN c.start_date - interval '6 days' END"
                " FROM cases_case c WHERE c.id = n.case_id",
                [today - datetime.timedelta(days=7)],
            )
    showcase_cases(today=today)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _follow_ups(rows: list[tuple], people: People, _days_ahead: int) -> Iterator[FollowUp]:
    """The post-visit report of every visit that is over (open until reported), and a task on
    one closed visit in three, as the services create them."""
    for pk, lead, author, status, _level, start in rows:
        if status in {S.COMPLETED, S.REPORTED, S.CLOSED}:
            done = FollowUp.Status.OPEN if status == S.COMPLETED else FollowUp.Status.DONE
            yield FollowUp(case_id=pk, kind=FollowUp.Kind.REPORT, title="Báo cáo kết quả", assignee_agency_id=lead,
                           due_date=start + datetime.timedelta(days=10), status=done, created_by_id=author)  # fmt: skip
        if status == S.CLOSED and pk % 3 == 0:
            yield FollowUp(case_id=pk, title="Theo dõi cam kết", assignee_agency_id=lead,
                           due_date=start + datetime.timedelta(days=30), status=FollowUp.Status.DONE,
                           created_by_id=author)  # fmt: skip


def _notifications(rows: list[tuple], people: People) -> Iterator[Notification]:
    """Two reminders a visit (its author and a member of the lead agency's staff), as a year of
    sweeps leaves them; dated a week before the visit once built (PostgreSQL)."""
    staff = dict(
        User.objects.filter(username__endswith="-0", agency__isnull=False).values_list("agency_id", "pk")
    )
    for pk, lead, author, _status, _level, start in rows:
        for recipient in (author, staff.get(lead)):
            if recipient is not None:  # keyed apart from the sweep's own, which the benchmark runs
                yield Notification(recipient_id=recipient, kind="arrival", key=f"bench:{pk}", case_id=pk,
                                   params={"date": start.isoformat()}, email_state=EmailState.SENT)  # fmt: skip


SHOWCASE_TITLES = {"small": "Đoàn mẫu nhỏ (3 khách, 2 mục)", "large": "Đoàn mẫu lớn (200 khách, 100 mục)"}


def showcase_cases(*, today: datetime.date | None = None) -> dict[str, Case]:
    """Two cases made through the services, for the case page's bound (issue 18): one with 3
    participants and 2 programme items, one with 200 and 100, each submitted to the police and
    edited a few times (history rows, events, a review). Made once; found again after that."""
    from ttdn.cases.services.cases import CaseData, ParticipantData, ProgrammeData, case_update
    from ttdn.cases.services.people import PersonData
    from ttdn.cases.services.workflow import case_submit

    found = {
        size: Case.objects.filter(title=title).order_by("pk").first()
        for size, title in SHOWCASE_TITLES.items()
    }
    if all(found.values()):
        return {size: case for size, case in found.items() if case is not None}
    from delegations.services import delegation_create

    actor = User.objects.get(username="protocol0")
    lead = Agency.objects.get(code="bench-0000")
    start = (today or timezone.localdate()) + datetime.timedelta(days=60)
    tz = timezone.get_current_timezone()
    made = {}
    for size, (guests, items) in {"small": (3, 2), "large": (200, 100)}.items():
        participants = [
            ParticipantData(
                person=PersonData(full_name=f"Showcase {size} {n}", nationality=COUNTRIES[n % len(COUNTRIES)],
                                  passport_number=f"S{size[0].upper()}{n:07d}"),
                role=Participant.Role.HEAD if n == 0 else Participant.Role.MEMBER,
            )
            for n in range(guests)
        ]  # fmt: skip
        programme = [
            ProgrammeData(
                start=datetime.datetime.combine(start + datetime.timedelta(days=n // 5), datetime.time(8 + n % 5), tzinfo=tz),
                end=datetime.datetime.combine(start + datetime.timedelta(days=n // 5), datetime.time(9 + n % 5), tzinfo=tz),
                place=f"Địa điểm {n}", activity="meeting",
            )
            for n in range(items)
        ]  # fmt: skip
        fields = {
            "direction": Case.Direction.INBOUND, "title": SHOWCASE_TITLES[size], "purpose": "Làm việc",
            "countries": ["JP"], "start_date": start, "end_date": start + datetime.timedelta(days=items // 5),
            "mode": Case.Mode.IN_PERSON, "lead_agency": lead,
        }  # fmt: skip
        data = CaseData(fields=fields, participants=participants, programme=programme)
        case = delegation_create(actor=actor, data=data, delegation_kind=Delegation.Kind.GOVERNMENT)
        for n in range(5):  # history rows and events, as a case edited over weeks has them
            fields = {**fields, "purpose": f"Làm việc, lần sửa {n + 1}"}
            case = case_update(
                actor=actor, case=case, data=CaseData(fields=fields, participants=None, programme=None)
            )
        made[size] = case_submit(actor=actor, case=case)
    return made

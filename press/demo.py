"""Sample press visits of both residencies and several statuses, for ``seed_demo``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from press.models import Coverage, PressCard, PressVisit
from press.services import CardData, PressData, coverage_add, default_co_hosts, press_visit_create
from ttdn.accounts.models import Agency, User
from ttdn.cases.models import Case, Organisation, ProgrammeItem, Review
from ttdn.cases.services.cases import CaseData, ParticipantData, ProgrammeData, case_record_decision
from ttdn.cases.services.organisations import organisation_find_or_create
from ttdn.cases.services.people import PersonData
from ttdn.cases.services.reviews import review_record
from ttdn.cases.services.workflow import case_transition

S = Case.Status
R = PressVisit.Residency


@dataclass(frozen=True)
class Sample:
    title: str
    residency: str
    status: str
    start_in_days: int
    outlet: tuple[str, str]  # name, country
    crew: tuple[tuple[str, str, str, str], ...]  # name, passport, role, card number
    topics: str


SAMPLES = [
    Sample("NHK ghi hình phóng sự về ruộng bậc thang", R.NON_RESIDENT, S.APPROVED, 20, ("NHK", "JP"),
           (("Yamada Taro", "TZ1111111", "reporter", "BNG-2026-0311"), ("Kato Ken", "TZ2222222", "camera", "BNG-2026-0312")),
           "Du lịch cộng đồng, ruộng bậc thang"),
    Sample("Reuters phỏng vấn về thu hút đầu tư", R.RESIDENT, S.SUBMITTED, 12, ("Reuters", "GB"),
           (("James Pearson", "533900001", "reporter", "TP-VN-0452"),), "Thu hút đầu tư nước ngoài"),
    Sample("KBS làm phim tài liệu về Tân Trào", R.NON_RESIDENT, S.COMPLETED, -15, ("KBS", "KR"),
           (("Park Ji-hoon", "M55501234", "producer", "BNG-2026-0270"), ("Choi Min", "M55505678", "camera", "BNG-2026-0271"),
            ("Lê Thu Trang", "C9990001", "interpreter", "BNG-2026-0272")), "Di tích lịch sử Tân Trào"),
    Sample("Le Monde tìm hiểu về hợp tác xã chè", R.RESIDENT, S.DRAFT, 35, ("Le Monde", "FR"),
           (("Claire Dubois", "20FR11111", "reporter", "TP-VN-0510"),), "Kinh tế hợp tác xã"),
]  # fmt: skip


@transaction.atomic
def seed() -> list[str]:
    protocol = User.objects.get(username="protocol")
    leader = User.objects.get(username="leader")
    police = User.objects.get(username="police")
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    created = []
    for number, sample in enumerate(SAMPLES, start=301):
        if Case.objects.filter(title=sample.title).exists():
            continue
        name, country = sample.outlet
        outlet = organisation_find_or_create(
            organisation=Organisation(name=name, kind="press", country=country)
        )
        start = today + datetime.timedelta(days=sample.start_in_days)
        end = start + datetime.timedelta(days=2)
        data = CaseData(
            fields={
                "direction": Case.Direction.INBOUND,
                "title": sample.title,
                "counterpart": outlet,
                "countries": [country],
                "start_date": start,
                "end_date": end,
                "lead_agency": Agency.objects.get(code="vp-ubnd"),
                "responsible_officer": protocol,
                "request_letter_number": f"{number}/ĐNPV",
                "request_letter_date": start - datetime.timedelta(days=25),
            },
            co_host_agencies=default_co_hosts(),
            participants=[
                ParticipantData(
                    PersonData(full_name=person, nationality="VN" if role == "interpreter" else country,
                               passport_number=passport, passport_expiry=end + datetime.timedelta(days=700)),
                    role=role,
                )
                for person, passport, role, _card in sample.crew
            ],
            programme=[
                ProgrammeData(datetime.datetime.combine(start, datetime.time(8), tzinfo=tz),
                              datetime.datetime.combine(start, datetime.time(11), tzinfo=tz),
                              "Khu di tích Tân Trào", ProgrammeItem.Activity.FILMING, "Ban Quản lý di tích", "", True),
                ProgrammeData(datetime.datetime.combine(start, datetime.time(14), tzinfo=tz),
                              datetime.datetime.combine(start, datetime.time(15), tzinfo=tz),
                              "Trụ sở UBND tỉnh", ProgrammeItem.Activity.INTERVIEW, "Phó Chủ tịch UBND tỉnh", "", True),
            ],
        )  # fmt: skip
        cards = [
            CardData(
                nationality="VN" if role == "interpreter" else country,
                passport_number=passport,
                kind=PressCard.Kind.PERMIT
                if sample.residency == R.NON_RESIDENT
                else PressCard.Kind.PRESS_CARD,
                number=card,
                valid_until=end + datetime.timedelta(days=30),
            )
            for _person, passport, role, card in sample.crew
        ]
        press = PressData(
            residency=sample.residency,
            topics=sample.topics,
            escort_officer=protocol,
            request_received_on=start - datetime.timedelta(days=20),
        )
        case = press_visit_create(actor=protocol, data=data, press=press, cards=cards)
        if sample.status != S.DRAFT:
            case = case_transition(actor=protocol, case=case, name="submit")
        if sample.status in (S.APPROVED, S.COMPLETED):
            review_record(
                actor=police,
                review=case.reviews.latest("number"),
                outcome=Review.Status.CLEARED_WITH_CONDITIONS,
                checklist=dict.fromkeys(Review.ITEMS, True),
                text="Không ghi hình khu vực quân sự; có cán bộ hướng dẫn đi cùng.",
            )
            case = case_transition(actor=leader, case=Case.objects.get(pk=case.pk), name="approve")
            case = case_record_decision(
                actor=protocol, case=case, number=f"{number}/QĐ-UBND", date=start - datetime.timedelta(days=5)
            )
        if sample.status == S.COMPLETED:
            case = case_transition(actor=protocol, case=case, name="start")
            case = case_transition(actor=protocol, case=case, name="complete")
            coverage_add(
                actor=protocol,
                case=case,
                coverage=Coverage(title="Tân Trào - nơi khởi nguồn", outlet="KBS 1TV", published_on=end + datetime.timedelta(days=7),
                                  language="Tiếng Hàn", url="https://kbs.example/tantrao"),
            )  # fmt: skip
        created.append(f"press visit {case.reference}: {case.title} ({case.get_status_display()})")
    return created

"""Sample outbound delegations for ``seed_demo``: one in draft, one approved with its passports
handed out, one back from its trip with a passport still out and its report due."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from outbound.models import HeadLevel, Official, TripMember
from outbound.services import PassportData, TripData, member_add, outbound_trip_create, passport_save
from ttdn.accounts.models import Agency, User
from ttdn.cases.models import Case, Organisation, Review
from ttdn.cases.services.cases import CaseData
from ttdn.cases.services.organisations import organisation_find_or_create
from ttdn.cases.services.reviews import review_assign, review_record
from ttdn.cases.services.workflow import case_transition

CLEARED = ["submit", "assign", "clear", "approve"]
# name, position, agency code, username of their account ("" when they have none)
OFFICIALS = [
    ("Phạm Quốc Bảo", "Phó Chủ tịch UBND tỉnh", "vp-ubnd", "leader"),
    ("Lê Thị Hoa", "Phó Giám đốc Sở Tài chính", "so-tc", ""),
    ("Đỗ Văn Nam", "Chuyên viên Văn phòng UBND tỉnh", "vp-ubnd", ""),
    ("Lê Minh Tuấn", "Chuyên viên Phòng Quản lý Du lịch", "so-vhttdl", "agency"),
]


@dataclass(frozen=True)
class Sample:
    title: str
    counterpart: tuple[str, str, str]  # name, kind, country
    start_in_days: int
    days: int
    lead: str
    steps: tuple[str, ...]
    members: tuple[tuple[str, str], ...]  # (official's name, role)
    passports: tuple[tuple[str, str, bool], ...] = ()  # (number, kind, handed back)
    head_level: int = 1  # the order of its level


SAMPLES = [
    Sample(
        "Đoàn lãnh đạo tỉnh xúc tiến đầu tư tại Hàn Quốc",
        ("Gyeonggi Province", "friendship_locality", "KR"),
        18,
        5,
        "vp-ubnd",
        tuple(CLEARED),
        (("Phạm Quốc Bảo", "head"), ("Lê Thị Hoa", "member"), ("Đỗ Văn Nam", "member")),
        (("B1234567", "official", False), ("C7654321", "official", False)),
    ),
    Sample(
        "Đoàn Sở Văn hóa dự hội chợ du lịch Nhật Bản",
        ("Japan National Tourism Organization", "government", "JP"),
        45,
        4,
        "so-vhttdl",
        (),
        (("Lê Minh Tuấn", "head"),),
        head_level=2,
    ),
    Sample(
        "Đoàn công tác học tập kinh nghiệm chuyển đổi số tại Singapore",
        ("Smart Nation and Digital Government Office", "government", "SG"),
        -12,
        3,
        "vp-ubnd",
        (*CLEARED, "start", "complete"),
        (("Lê Thị Hoa", "head"), ("Đỗ Văn Nam", "member")),
        (("C2345678", "official", True), ("C3456789", "ordinary", False)),
        head_level=2,
    ),
]


def _officials() -> dict[str, Official]:
    found = {}
    for name, position, agency, username in OFFICIALS:
        user = User.objects.filter(username=username).first() if username else None
        found[name], _created = Official.objects.get_or_create(
            full_name=name,
            defaults={"position": position, "agency": Agency.objects.get(code=agency), "user": user},
        )
    return found


def _step(case: Case, step: str, people: dict[str, User]) -> Case:
    police = people["police"]
    if step == "assign":
        review_assign(actor=police, review=case.reviews.latest("number"), officer=police)
    elif step == "clear":
        review_record(
            actor=police,
            review=case.reviews.latest("number"),
            outcome=Review.Status.CLEARED,
            checklist=dict.fromkeys(("materials_checked", "travellers_briefed", "devices_checked"), True),
            text="",
        )
    else:
        actor = people["leader"] if step == "approve" else people["protocol"]
        case_transition(actor=actor, case=case, name=step)
    return Case.objects.get(pk=case.pk)


@transaction.atomic
def seed() -> list[str]:
    people = {name: User.objects.get(username=name) for name in ("protocol", "leader", "police")}
    protocol = people["protocol"]
    today = timezone.localdate()
    officials = _officials()
    created = []
    for sample in SAMPLES:
        if Case.objects.filter(title=sample.title).exists():
            continue
        name, org_kind, country = sample.counterpart
        counterpart = organisation_find_or_create(
            organisation=Organisation(name=name, kind=org_kind, country=country)
        )
        start = today + datetime.timedelta(days=sample.start_in_days)
        end = start + datetime.timedelta(days=sample.days - 1)
        data = CaseData(
            fields={
                "title": sample.title,
                "purpose": "Xúc tiến hợp tác, học tập kinh nghiệm.",
                "counterpart": counterpart,
                "countries": [country],
                "start_date": start,
                "end_date": end,
                "lead_agency": Agency.objects.get(code=sample.lead),
                "responsible_officer": protocol,
            }
        )
        trip = TripData(
            head_level=HeadLevel.objects.filter(order=sample.head_level).first()
            or HeadLevel.objects.order_by("order").first(),  # type: ignore[arg-type]
            funding="state_budget",
            partners_met=name,
            mission_abroad="Đại sứ quán Việt Nam tại nước sở tại",
            materials_carried="Tài liệu giới thiệu tiềm năng đầu tư của tỉnh",
            gifts_carried="Tranh sơn mài, chè Shan tuyết",
        )
        case = outbound_trip_create(actor=protocol, data=data, trip=trip)
        for official, role in sample.members:
            member_add(actor=protocol, case=case, official=officials[official], role=role)
        members = list(TripMember.objects.filter(trip__case=case).exclude(role="head").order_by("pk"))
        members = [*TripMember.objects.filter(trip__case=case, role="head"), *members]
        for member, (number, kind, back) in zip(members, sample.passports, strict=False):
            passport = PassportData(
                kind=kind,
                number=number,
                handed_out_on=start - datetime.timedelta(days=3),
                handed_back_on=end + datetime.timedelta(days=2) if back and end < today else None,
                keeper="Phòng Hành chính - Tổ chức",
            )
            passport_save(actor=protocol, case=case, member=member, data=passport)
        for step in sample.steps:
            case = _step(case, step, people)
        created.append(f"outbound {case.reference}: {case.title} ({case.get_status_display()})")
    return created

"""Sample inbound delegations of every kind, mode and status, for ``seed_demo`` (the outbound
ones are outbound/demo.py's)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from delegations.models import Agreement, Delegation
from delegations.services import agreement_save, delegation_create
from ttdn.accounts.models import Agency, User
from ttdn.cases.models import Attachment, Case, FollowUp, Organisation, ProgrammeItem, Review
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.cases import CaseData, ParticipantData, ProgrammeData
from ttdn.cases.services.followups import followup_create
from ttdn.cases.services.organisations import organisation_find_or_create
from ttdn.cases.services.people import PersonData
from ttdn.cases.services.post_visit import report_file
from ttdn.cases.services.reviews import review_assign, review_record, review_waive
from ttdn.cases.services.workflow import case_transition

S = Case.Status
CLEARED = ["submit", "assign", "clear", "approve"]
# The steps that take a new case to each status (the police review included).
PATHS: dict[str, list[str]] = {
    S.DRAFT: [],
    S.SUBMITTED: ["submit"],
    S.UNDER_REVIEW: ["submit", "assign"],
    S.APPROVED: ["submit", "assign", "clear_with_conditions", "approve"],
    S.REJECTED: ["submit", "assign", "not_clear", "reject"],
    S.IN_PROGRESS: ["submit", "waive", "approve", "start"],
    S.COMPLETED: [*CLEARED, "start", "complete"],
    S.REPORTED: [*CLEARED, "start", "complete", "report"],
    S.CLOSED: [*CLEARED, "start", "complete", "report", "close"],
    S.CANCELLED: ["submit", "cancel"],
}
REASONS = {"reject": "Chương trình trùng lịch tiếp khách của tỉnh.", "cancel": "Đoàn hoãn chuyến đi."}
ALL_CHECKED = dict.fromkeys(Review.ITEMS, True)


POLICE_OUTCOMES = {
    "clear": (Review.Status.CLEARED, ""),
    "clear_with_conditions": (
        Review.Status.CLEARED_WITH_CONDITIONS,
        "Không quay phim, chụp ảnh tại khu vực đồn biên phòng.",
    ),
    "not_clear": (Review.Status.NOT_CLEARED, "Địa điểm khảo sát nằm trong khu vực cấm."),
}


def _step(case: Case, step: str, people: dict[str, User]) -> Case:
    """One step of the demo's history, made through the same services as the pages."""
    police = people["police"]
    if step == "assign":
        review_assign(actor=police, review=case.reviews.latest("number"), officer=police)
    elif step in POLICE_OUTCOMES:
        outcome, text = POLICE_OUTCOMES[step]
        review_record(
            actor=police,
            review=case.reviews.latest("number"),
            outcome=outcome,
            checklist=ALL_CHECKED,
            text=text,
        )
    elif step == "report":
        report_file(
            actor=people["protocol"],
            followup=case.follow_ups.get(kind=FollowUp.Kind.REPORT, status=FollowUp.Status.OPEN),
            summary="Đoàn đã hoàn thành chương trình làm việc theo kế hoạch; hai bên thống nhất các nội dung hợp tác.",
            outcomes="Trao đổi về hợp tác đào tạo nghề và xúc tiến đầu tư.",
        )
    elif step == "waive":
        review_waive(actor=people["leader"], case=case, reason="Họp trực tuyến, không trao đổi tài liệu.")
    else:
        actor = people["leader"] if step in {"approve", "reject"} else people["protocol"]
        case_transition(actor=actor, case=case, name=step, reason=REASONS.get(step, ""))
    return Case.objects.get(pk=case.pk)


# A tiny but real PDF: the upload check reads the content, not the name.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class Sample:
    title: str
    kind: str
    direction: str
    status: str
    start_in_days: int
    days: int
    counterpart: tuple[str, str, str]  # name, organisation kind, country
    lead: str
    co_hosts: tuple[str, ...] = ()
    mode: str = Case.Mode.IN_PERSON
    restricted: bool = False
    people: tuple[tuple[str, str, str, str], ...] = ()  # name, nationality, passport, role
    steps: tuple[str, ...] | None = None  # the path to its status, where not PATHS[status]


SAMPLES = [
    Sample(
        "Đoàn Đại sứ quán Nhật Bản thăm và làm việc",
        Delegation.Kind.DIPLOMATIC,
        "inbound",
        S.APPROVED,
        6,
        2,
        ("Embassy of Japan in Viet Nam", "diplomatic_mission", "JP"),
        "vp-ubnd",
        ("so-vhttdl", "ca-tinh"),
        people=(
            ("Tanaka Hiroshi", "JP", "TK1234567", "head"),
            ("Sato Yuki", "JP", "TR7654321", "member"),
            ("Nguyễn Minh Anh", "VN", "", "interpreter"),
        ),
    ),
    Sample(
        "Đoàn tỉnh Gyeonggi (Hàn Quốc) trao đổi hợp tác hữu nghị",
        Delegation.Kind.FRIENDSHIP_LOCALITY,
        "inbound",
        S.UNDER_REVIEW,
        12,
        3,
        ("Gyeonggi Province", "friendship_locality", "KR"),
        "vp-ubnd",
        ("so-tc",),
        people=(("Kim Min-jun", "KR", "M12345678", "head"), ("Lee Seo-yeon", "KR", "M87654321", "member")),
    ),
    Sample(
        "Tổ chức Plan International khảo sát dự án nước sạch",
        Delegation.Kind.NGO,
        "inbound",
        S.SUBMITTED,
        20,
        2,
        ("Plan International", "ngo", "GB"),
        "so-nnmt",
        ("ubnd-na-hang",),
        people=(("Sarah Johnson", "GB", "533812345", "head"),),
    ),
    Sample(
        "Nhà đầu tư Singapore khảo sát khu công nghiệp",
        Delegation.Kind.BUSINESS,
        "inbound",
        S.DRAFT,
        25,
        1,
        ("Sembcorp Development", "business", "SG"),
        "so-tc",
        people=(("Tan Wei Ming", "SG", "K1234567A", "head"),),
    ),
    Sample(
        "Họp trực tuyến với UNICEF về dinh dưỡng trẻ em",
        Delegation.Kind.INTERNATIONAL_ORGANISATION,
        "inbound",
        S.IN_PROGRESS,
        0,
        1,
        ("UNICEF Viet Nam", "international_organisation", "VN"),
        "so-gddt",
        mode=Case.Mode.ONLINE,
        people=(("Rana Flowers", "US", "", "head"),),
    ),
    Sample(
        "Chuyên gia Đức hỗ trợ đào tạo nghề",
        Delegation.Kind.EXPERTS,
        "inbound",
        S.COMPLETED,
        -10,
        5,
        ("GIZ", "government", "DE"),
        "so-gddt",
        people=(("Klaus Weber", "DE", "C01X00T47", "head"),),
    ),
    Sample(
        "Đoàn Bộ Ngoại giao Lào làm việc về công tác biên giới",
        Delegation.Kind.GOVERNMENT,
        "inbound",
        S.REPORTED,
        -40,
        2,
        ("Ministry of Foreign Affairs of Lao PDR", "government", "LA"),
        "vp-ubnd",
        ("ca-tinh", "bchqs"),
        people=(("Souksavanh Phommachanh", "LA", "P0123456", "head"),),
    ),
    Sample(
        "Đoàn Đại sứ quán Úc trao học bổng",
        Delegation.Kind.DIPLOMATIC,
        "inbound",
        S.CLOSED,
        -90,
        1,
        ("Australian Embassy in Viet Nam", "diplomatic_mission", "AU"),
        "so-gddt",
        people=(("Andrew Goledzinowski", "AU", "PA1234567", "head"),),
    ),
    Sample(
        "Doanh nghiệp Trung Quốc đề nghị thăm mỏ khoáng sản",
        Delegation.Kind.BUSINESS,
        "inbound",
        S.REJECTED,
        15,
        2,
        ("Yunnan Mining Group", "business", "CN"),
        "so-nnmt",
        people=(("Wang Lei", "CN", "E12345678", "head"),),
    ),
    Sample(
        "Đoàn Hội Hữu nghị Pháp - Việt (hoãn)",
        Delegation.Kind.FRIENDSHIP_LOCALITY,
        "inbound",
        S.CANCELLED,
        30,
        3,
        ("Association d'amitié franco-vietnamienne", "ngo", "FR"),
        "vp-ubnd",
        people=(("Marie Dubois", "FR", "19AB12345", "head"),),
    ),
    Sample(
        "Đoàn chuyên gia quốc phòng nước ngoài khảo sát khu vực biên giới",
        Delegation.Kind.EXPERTS,
        "inbound",
        S.SUBMITTED,
        21,
        2,
        ("Defence Cooperation Office", "government", "AU"),
        "bchqs",
        ("ca-tinh",),
        people=(("James Walker", "AU", "PA7654321", "head"),),
        restricted=True,
    ),
    # Each role's dashboard has work waiting: a case the police cleared, for the leader to approve;
    # a review due in a few days and one overdue, for the police.
    Sample(
        "Đoàn Tổng Lãnh sự quán Hoa Kỳ thăm khu bảo tồn Na Hang",
        Delegation.Kind.DIPLOMATIC,
        "inbound",
        S.UNDER_REVIEW,
        9,
        2,
        ("U.S. Consulate General in Ho Chi Minh City", "diplomatic_mission", "US"),
        "so-nnmt",
        ("ubnd-na-hang",),
        people=(("John Miller", "US", "A12345678", "head"),),
        steps=("submit", "assign", "clear"),
    ),
    Sample(
        "Đoàn Đại học Chiang Mai (Thái Lan) trao đổi học thuật",
        Delegation.Kind.EXPERTS,
        "inbound",
        S.SUBMITTED,
        3,
        2,
        ("Chiang Mai University", "university", "TH"),
        "so-gddt",
        people=(("Somchai Prasert", "TH", "AA1234567", "head"),),
    ),
    Sample(
        "Đoàn doanh nghiệp Đài Loan khảo sát chế biến chè",
        Delegation.Kind.BUSINESS,
        "inbound",
        S.SUBMITTED,
        0,
        2,
        ("Taiwan Tea Association", "business", "TW"),
        "so-nnmt",
        people=(("Chen Wei-lun", "TW", "312345678", "head"),),
    ),
]


def _programme(start: datetime.date, days: int, mode: str) -> list[ProgrammeData]:
    tz = timezone.get_current_timezone()

    def at(day: int, hour: int) -> datetime.datetime:
        return datetime.datetime.combine(start + datetime.timedelta(days=day), datetime.time(hour), tzinfo=tz)

    if mode == Case.Mode.ONLINE:
        return [
            ProgrammeData(
                at(0, 9),
                at(0, 11),
                "Phòng họp trực tuyến UBND tỉnh",
                ProgrammeItem.Activity.ONLINE_MEETING,
                "Lãnh đạo Sở",
            )
        ]
    rows = [
        ProgrammeData(
            at(0, 8), at(0, 10), "Trụ sở UBND tỉnh", ProgrammeItem.Activity.MEETING, "Phó Chủ tịch UBND tỉnh"
        ),
        ProgrammeData(
            at(0, 14),
            at(0, 17),
            "Khu du lịch sinh thái Na Hang",
            ProgrammeItem.Activity.SITE_VISIT,
            "UBND huyện Na Hang",
        ),
    ]
    if days > 1:
        rows.append(
            ProgrammeData(at(1, 9), at(1, 11), "Sở Tài chính", ProgrammeItem.Activity.MEETING, "Giám đốc Sở")
        )
    return rows


@transaction.atomic
def seed() -> list[str]:
    people = {name: User.objects.get(username=name) for name in ("protocol", "leader", "police")}
    protocol = people["protocol"]
    today = timezone.localdate()
    created = []
    for number, sample in enumerate(SAMPLES, start=101):
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
                "direction": sample.direction,
                "title": sample.title,
                "purpose": "Trao đổi, thúc đẩy hợp tác giữa tỉnh và đối tác.",
                "counterpart": counterpart,
                "countries": [country],
                "start_date": start,
                "end_date": end,
                "mode": sample.mode,
                "access_level": Case.AccessLevel.RESTRICTED if sample.restricted else Case.AccessLevel.NORMAL,
                "lead_agency": Agency.objects.get(code=sample.lead),
                "responsible_officer": protocol,
                "request_letter_number": f"{number}/CV-ĐT",
                "request_letter_date": start - datetime.timedelta(days=20),
            },
            co_host_agencies=list(Agency.objects.filter(code__in=sample.co_hosts)),
            participants=[
                ParticipantData(
                    PersonData(full_name=person, nationality=nationality, passport_number=passport,
                               passport_expiry=end + datetime.timedelta(days=900) if passport else None),
                    role=role,
                )
                for person, nationality, passport, role in sample.people
            ],
            programme=_programme(start, sample.days, sample.mode),
        )  # fmt: skip
        case = delegation_create(actor=protocol, data=data, delegation_kind=sample.kind)
        upload = SimpleUploadedFile("cong-van-de-nghi.pdf", DEMO_PDF, content_type="application/pdf")
        attachment_add(actor=protocol, case=case, upload=upload, kind=Attachment.Kind.REQUEST_LETTER)
        for step in PATHS[sample.status] if sample.steps is None else sample.steps:
            case = _step(case, step, people)
        created.append(f"delegation {case.reference}: {case.title} ({case.get_status_display()})")
    if not FollowUp.objects.filter(kind=FollowUp.Kind.TASK).exists():
        japan = Case.objects.get(title="Đoàn Đại sứ quán Nhật Bản thăm và làm việc")
        followup_create(
            actor=protocol,
            case=japan,
            title="Chuẩn bị tài liệu giới thiệu du lịch tỉnh (bản tiếng Nhật)",
            due_date=today + datetime.timedelta(days=1),  # so that the demo shows its reminder
            assignee_agency=Agency.objects.get(code="so-vhttdl"),
        )
        laos = Case.objects.get(title="Đoàn Bộ Ngoại giao Lào làm việc về công tác biên giới")
        followup_create(
            actor=protocol,
            case=laos,
            title="Gửi biên bản làm việc cho Bộ Ngoại giao",
            due_date=today - datetime.timedelta(days=3),
            assignee_user=protocol,
        )
        created.append("follow-ups: 2")
    if not Agreement.objects.exists():
        partner = Organisation.objects.get(name="Gyeonggi Province")
        agreement = Agreement(
            title="Thỏa thuận hợp tác hữu nghị với tỉnh Gyeonggi",
            partner=partner,
            signed_on=today - datetime.timedelta(days=700),
            valid_until=today + datetime.timedelta(days=45),
            signatory="Chủ tịch UBND tỉnh",
        )
        agreement_save(
            actor=protocol, agreement=agreement, cases=list(Case.objects.filter(counterpart=partner))
        )
        created.append(f"agreement: {agreement.title}")
    return created

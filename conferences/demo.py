"""Sample international conferences and seminars, for ``seed_demo``: one being prepared with its
agencies consulted (one answered, the demo ``agency`` user's to answer), one online awaiting the
police, one held and reported on with its foreign participants."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from conferences.models import ApprovalRule, Conference
from conferences.services import ConferenceData, conference_create, consultation_add, opinion_record
from ttdn.accounts.models import Agency, User
from ttdn.cases.models import Case, Organisation, Review
from ttdn.cases.services.cases import CaseData, ParticipantData
from ttdn.cases.services.organisations import organisation_find_or_create
from ttdn.cases.services.people import PersonData
from ttdn.cases.services.reviews import review_assign, review_record
from ttdn.cases.services.workflow import case_transition

S = Case.Status


@dataclass(frozen=True)
class Sample:
    title: str
    status: str
    start_in_days: int
    mode: str
    co_organiser: tuple[str, str]  # name, country
    participants: tuple[tuple[str, str, str], ...]  # name, nationality, passport
    topic: str
    sensitive: bool = False


SAMPLES = [
    Sample("Hội thảo quốc tế về du lịch cộng đồng vùng núi phía Bắc", S.SUBMITTED, 45, Conference.Mode.MIXED,
           ("JICA", "JP"), (("Tanaka Hiroshi", "JP", "TK1234567"),), "Phát triển du lịch cộng đồng bền vững"),
    Sample("Hội nghị trực tuyến hợp tác giáo dục Việt Nam - Hàn Quốc", S.UNDER_REVIEW, 60, Conference.Mode.ONLINE,
           ("Korea Foundation", "KR"), (("Kim Min-jun", "KR", "M12345678"),), "Hợp tác đào tạo, trao đổi giáo viên", sensitive=True),
    Sample("Hội thảo khoa học về bảo tồn đa dạng sinh học", S.COMPLETED, -20, Conference.Mode.IN_PERSON,
           ("WWF", "CH"), (("Anna Müller", "DE", "C01X00001"), ("Jean Martin", "FR", "22FR33333"),
                           ("Sarah Lee", "US", "567000111")), "Bảo tồn đa dạng sinh học Na Hang - Lâm Bình"),
]  # fmt: skip


def _data(sample: Sample, protocol: User, today: datetime.date) -> tuple[CaseData, ConferenceData]:
    name, country = sample.co_organiser
    partner = organisation_find_or_create(
        organisation=Organisation(name=name, kind="international_organisation", country=country)
    )
    start = today + datetime.timedelta(days=sample.start_in_days)
    end = start + datetime.timedelta(days=1)
    foreign = sample.mode != Conference.Mode.ONLINE
    data = CaseData(
        fields={
            "direction": Case.Direction.INBOUND,
            "title": sample.title,
            "counterpart": partner,
            "countries": sorted({country, *(nationality for _n, nationality, _p in sample.participants)}),
            "start_date": start,
            "end_date": end,
            "lead_agency": Agency.objects.get(code="so-khcn"),
            "responsible_officer": protocol,
            "request_letter_number": "",
        },
        participants=[
            ParticipantData(
                PersonData(full_name=person, nationality=nationality, passport_number=passport,
                           passport_expiry=end + datetime.timedelta(days=900)),
                role="member",
            )
            for person, nationality, passport in sample.participants
        ],
    )  # fmt: skip
    conference = ConferenceData(
        organiser="Trường Đại học Tân Trào",
        co_organisers=(partner,),
        topic=sample.topic,
        venue="Hội trường Trường Đại học Tân Trào"
        if foreign
        else "Trực tuyến (điểm cầu Trường Đại học Tân Trào)",
        mode=sample.mode,
        foreign_participants=len(sample.participants) * 10,
        vietnamese_participants=80,
        funding=Conference.Funding.MIXED,
        foreign_funding_amount=350_000_000,
        funding_note="Đối tác nước ngoài tài trợ chi phí chuyên gia; ngân sách của trường chi phí hội trường.",
        sensitive_topics=sample.sensitive,
        sensitive_note="Có phiên thảo luận về chính sách dân tộc." if sample.sensitive else "",
        approval_rule=ApprovalRule.objects.get(above_province=False, name="Chủ tịch UBND tỉnh"),
        dossier_submitted_on=min(today, start - datetime.timedelta(days=35)),
    )
    return data, conference


def _advance(case: Case, status: str, *, protocol: User, police: User, leader: User) -> Case:
    if status == S.DRAFT:
        return case
    case = case_transition(actor=protocol, case=case, name="submit")
    if status == S.SUBMITTED:
        return case
    case = Case.objects.get(pk=case.pk)
    if status == S.UNDER_REVIEW:
        review_assign(actor=police, review=case.reviews.latest("number"), officer=police)
        return Case.objects.get(pk=case.pk)
    review_record(
        actor=police,
        review=case.reviews.latest("number"),
        outcome=Review.Status.CLEARED,
        checklist=dict.fromkeys(Review.ITEMS, True),
        text="Không có tài liệu mật; nội dung phù hợp.",
    )
    case = case_transition(actor=leader, case=Case.objects.get(pk=case.pk), name="approve")
    case = case_transition(actor=protocol, case=case, name="start")
    return case_transition(actor=protocol, case=case, name="complete")


@transaction.atomic
def seed() -> list[str]:
    protocol = User.objects.get(username="protocol")
    police = User.objects.get(username="police")
    leader = User.objects.get(username="leader")
    today = timezone.localdate()
    created = []
    for sample in SAMPLES:
        if Case.objects.filter(title=sample.title).exists():
            continue
        data, conference = _data(sample, protocol, today)
        case = conference_create(actor=protocol, data=data, conference=conference)
        if sample.status == S.SUBMITTED:
            asked = today - datetime.timedelta(days=10)
            answered = consultation_add(
                actor=protocol, case=case, agency=Agency.objects.get(code="ca-tinh"), asked_on=asked
            )
            opinion_record(
                actor=protocol,
                consultation=answered,
                answered_on=asked + datetime.timedelta(days=4),
                opinion="Đồng ý; đề nghị gửi danh sách đại biểu nước ngoài trước 10 ngày.",
            )
            consultation_add(
                actor=protocol, case=case, agency=Agency.objects.get(code="so-vhttdl"), asked_on=today
            )
        case = _advance(case, sample.status, protocol=protocol, police=police, leader=leader)
        created.append(f"conference {case.reference}: {case.title} ({case.get_status_display()})")
    return created

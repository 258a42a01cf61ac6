"""The registry's demo (``seed_demo``, after the delegations'): three NGOs with their certificates
(CARE International's ending within 90 days), contacts and the filings they owe; the counterparts
of the demo's NGO visits taken into the registry; and a CARE visit co-hosted by the demo agency,
so that its staff see an NGO. The NGOs' names are stable: the aid projects' demo finds them so."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from ngos.models import Certificate, Filing, Ngo
from ngos.services.registry import NgoData, Receipt, certificate_add, contact_set, filing_record, ngo_create
from ttdn.accounts.models import Agency, User
from ttdn.cases.models import Attachment, Case, Organisation
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.cases import CaseData, ParticipantData, ProgrammeData
from ttdn.cases.services.people import PersonData
from ttdn.cases.services.workflow import case_submit

PLAN, CARE, OXFAM = "Plan International", "CARE International", "Oxfam"
FRENCH_FRIENDSHIP = "Association d'amitié franco-vietnamienne"
LETTER = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CARE_VISIT = "Tổ chức CARE International khảo sát dự án sinh kế cho phụ nữ dân tộc thiểu số"

NGOS = (
    # name, Vietnamese name, country, acronym, headquarters, fields, website
    (PLAN, "Tổ chức Plan Quốc tế", "GB", "Plan", "Woking, Vương quốc Anh", "Quyền trẻ em, nước sạch, giáo dục",
     "https://plan-international.org"),
    (CARE, "Tổ chức CARE Quốc tế", "CH", "CARE", "Genève, Thụy Sĩ", "Sinh kế, bình đẳng giới, ứng phó thiên tai",
     "https://www.care-international.org"),
    (OXFAM, "Tổ chức Oxfam", "GB", "Oxfam", "Oxford, Vương quốc Anh", "Giảm nghèo, nông nghiệp bền vững",
     "https://www.oxfam.org"),
)  # fmt: skip
# name, number, days since issued, days still valid, contact
CERTIFICATES = (
    (PLAN, "214/CNV-HĐ", 400, 1060, ("Sarah Johnson", "Giám đốc quốc gia", "sarah.johnson@example.org")),
    (CARE, "97/CNV-HĐ", 1040, 60, ("Nguyễn Thu Hà", "Điều phối viên dự án", "ha.nguyen@example.org")),
    (OXFAM, "305/CNV-VPDA", 20, 1800, ("Trần Văn Nam", "Trưởng văn phòng dự án", "nam.tran@example.org")),
)


def _care_visit(protocol: User, care: Organisation, today: datetime.date) -> str | None:
    """A submitted CARE visit co-hosted by the demo agency's department."""
    from delegations.services import delegation_create  # the demo's visits are delegations

    if Case.objects.filter(title=CARE_VISIT).exists():
        return None
    start = today + datetime.timedelta(days=25)
    tz = timezone.get_current_timezone()
    case = delegation_create(
        actor=protocol,
        data=CaseData(
            fields={
                "direction": Case.Direction.INBOUND, "title": CARE_VISIT,
                "purpose": "Khảo sát địa bàn, làm việc với các sở về dự án sinh kế.", "counterpart": care,
                "countries": ["CH"], "start_date": start, "end_date": start + datetime.timedelta(days=2),
                "mode": Case.Mode.IN_PERSON, "access_level": Case.AccessLevel.NORMAL,
                "lead_agency": Agency.objects.get(code="vp-ubnd"), "responsible_officer": protocol,
            },
            co_host_agencies=list(Agency.objects.filter(code="so-vhttdl")),
            participants=[
                ParticipantData(
                    PersonData(full_name="Nguyễn Thu Hà", nationality="VN", passport_number="C3456789",
                               passport_expiry=start + datetime.timedelta(days=900)),
                    role="head",
                )
            ],
            programme=[
                ProgrammeData(
                    start=datetime.datetime.combine(start, datetime.time(8), tzinfo=tz),
                    end=datetime.datetime.combine(start, datetime.time(11), tzinfo=tz),
                    place="Sở Văn hóa, Thể thao và Du lịch", activity="meeting",
                    summary="Làm việc về dự án sinh kế gắn với du lịch cộng đồng",
                )
            ],
        ),
        delegation_kind="ngo",
    )  # fmt: skip
    letter = SimpleUploadedFile("cong-van-de-nghi.pdf", LETTER, content_type="application/pdf")
    attachment_add(actor=protocol, case=case, upload=letter, kind=Attachment.Kind.REQUEST_LETTER)
    case_submit(actor=protocol, case=case)
    return f"delegation {case.reference}: {case.title}"


@transaction.atomic
def seed() -> list[str]:
    if Ngo.objects.exists():
        return []
    protocol = User.objects.get(username="protocol")
    today = timezone.localdate()
    created: list[str] = []
    for name, name_vi, country, acronym, headquarters, fields, website in NGOS:
        known = Organisation.objects.filter(name=name, kind=Organisation.Kind.NGO).first()
        data = NgoData(name=name, name_vi=name_vi, country=country, website=website, acronym=acronym,
                       headquarters=headquarters, fields_of_work=fields)  # fmt: skip
        ngo = ngo_create(actor=protocol, data=data, organisation=known)
        created.append(f"foreign NGO: {ngo}")
    for name, number, issued_ago, valid_for, (person, position, email) in CERTIFICATES:
        ngo = Ngo.objects.get(organisation__name=name)
        issued = today - datetime.timedelta(days=issued_ago)
        certificate_add(
            actor=protocol,
            ngo=ngo,
            values={
                "kind": Certificate.Kind.PROJECT_OFFICE if "VPDA" in number else Certificate.Kind.OPERATION,
                "event": Certificate.Event.ISSUED, "number": number, "issued_by": "Bộ Ngoại giao",
                "issued_on": issued, "valid_until": today + datetime.timedelta(days=valid_for),
                "provinces": "Tuyên Quang\nHà Giang", "fields_of_work": ngo.fields_of_work,
            },
        )  # fmt: skip
        contact_set(actor=protocol, ngo=ngo, values={"name": person, "position": position, "email": email})
    # Plan's filings arrived; Oxfam's are still due.
    for filing in Filing.objects.filter(ngo__organisation__name=PLAN):
        filing_record(
            actor=protocol,
            filing=filing,
            receipt=Receipt(received_on=filing.due_on - datetime.timedelta(days=3),
                            document_number=f"{filing.pk:02d}/PLAN-VN", document_date=filing.due_on - datetime.timedelta(days=5)),
        )  # fmt: skip
    friendship = Organisation.objects.filter(name=FRENCH_FRIENDSHIP, kind=Organisation.Kind.NGO).first()
    if friendship is not None:
        ngo_create(actor=protocol, data=NgoData(), organisation=friendship)
        created.append(f"foreign NGO: {friendship.name}")
    visit = _care_visit(protocol, Ngo.objects.get(organisation__name=CARE).organisation, today)
    if visit:
        created.append(visit)
    return created

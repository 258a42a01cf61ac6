"""Demo data for the print-outs: a few demo cases get their guests' language, the programme's
lines, places and hosts in it, the guests' names in their script and titles in their language,
host officials with their ranks, and agencies their names in the guests' languages.

Seeded once after the delegations' demo (``settings.TTDN_DEMO_SEEDERS``); a second run changes
nothing. Run on a fresh demo database only, like the other demo seeders."""

from __future__ import annotations

from django.db import transaction

from ttdn.accounts.models import Agency, AgencyName
from ttdn.cases.models import Case, CaseHost

# case title -> (guests' language, their people: name -> (name in script, title in the language))
DEMO_CASES: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "Doanh nghiệp Trung Quốc đề nghị thăm mỏ khoáng sản": ("zh-hans", {"Wang Lei": ("王磊", "董事长")}),
    "Đoàn Bộ Ngoại giao Lào làm việc về công tác biên giới": (
        "lo",
        {"Souksavanh Phommachanh": ("ສຸກສະຫວັນ ພົມມະຈັນ", "ຫົວໜ້າກົມຊາຍແດນ")},
    ),
    "Đoàn tỉnh Gyeonggi (Hàn Quốc) trao đổi hợp tác hữu nghị": (
        "ko",
        {"Kim Min-jun": ("김민준", "경기도 부지사"), "Lee Seo-yeon": ("이서연", "국제협력과장")},
    ),
    "Đoàn Đại sứ quán Úc trao học bổng": (
        "en",
        {"Andrew Goledzinowski": ("", "Ambassador of Australia to Viet Nam")},
    ),
}

# What the demo programmes say in Vietnamese (places, hosts; content by activity), in each language.
TRANSLATIONS: dict[str, dict[str, str]] = {
    "Trụ sở UBND tỉnh": {"zh-hans": "省人民委员会办公楼", "lo": "ສຳນັກງານຄະນະກຳມະການປະຊາຊົນແຂວງ",
                         "ko": "성 인민위원회 청사", "en": "Provincial People's Committee"},
    "Khu du lịch sinh thái Na Hang": {"zh-hans": "纳杭生态旅游区", "lo": "ເຂດທ່ອງທ່ຽວທຳມະຊາດ ນາຮັງ",
                                      "ko": "나항 생태관광지", "en": "Na Hang eco-tourism area"},
    "Sở Tài chính": {"zh-hans": "省财政厅", "lo": "ພະແນກການເງິນແຂວງ", "ko": "성 재정국", "en": "Department of Finance"},
    "Phó Chủ tịch UBND tỉnh": {"zh-hans": "省人民委员会副主席", "lo": "ຮອງປະທານຄະນະກຳມະການປະຊາຊົນແຂວງ",
                               "ko": "성 인민위원회 부위원장",
                               "en": "Vice-Chairman of the Provincial People's Committee"},
    "UBND huyện Na Hang": {"zh-hans": "纳杭县人民委员会", "lo": "ຄະນະກຳມະການປະຊາຊົນເມືອງ ນາຮັງ",
                           "ko": "나항현 인민위원회", "en": "Na Hang District People's Committee"},
    "Giám đốc Sở": {"zh-hans": "厅长", "lo": "ຫົວໜ້າພະແນກ", "ko": "국장", "en": "Director of the Department"},
    "Chuyên viên Phòng Ngoại vụ": {"zh-hans": "外事处专员", "lo": "ວິຊາການພະແນກການຕ່າງປະເທດ",
                                   "ko": "대외협력과 전문관", "en": "Foreign Affairs Officer"},
    "Làm việc với lãnh đạo tỉnh": {"zh-hans": "与省领导工作会谈", "lo": "ພົບປະເຮັດວຽກກັບການນຳແຂວງ",
                                   "ko": "성 지도부와의 업무 회담",
                                   "en": "Working session with the province's leaders"},
    "Khảo sát thực địa": {"zh-hans": "实地考察", "lo": "ລົງຢ້ຽມຢາມສະຖານທີ່", "ko": "현장 방문", "en": "Site visit"},
}  # fmt: skip
SUMMARIES = {"meeting": "Làm việc với lãnh đạo tỉnh", "site_visit": "Khảo sát thực địa"}

# Host officials of every demo case above: (name, position, agency code, rank)
HOSTS = [
    ("Phạm Quốc Bảo", "Phó Chủ tịch UBND tỉnh", "vp-ubnd", 1),
    ("Nguyễn Thị Lan", "Chuyên viên Phòng Ngoại vụ", "vp-ubnd", 2),
]

AGENCY_NAMES = {
    "vp-ubnd": {"zh-hans": "省人民委员会办公厅", "lo": "ຫ້ອງວ່າການຄະນະກຳມະການປະຊາຊົນແຂວງ",
                "ko": "성 인민위원회 사무국", "ja": "省人民委員会事務局", "fr": "Cabinet du Comité populaire provincial"},
    "so-tc": {"zh-hans": "省财政厅", "lo": "ພະແນກການເງິນແຂວງ", "ko": "성 재정국"},
    "so-nnmt": {"zh-hans": "省农业与环境厅", "lo": "ພະແນກກະສິກຳ ແລະ ສິ່ງແວດລ້ອມແຂວງ", "ko": "성 농업환경국"},
    "so-gddt": {"zh-hans": "省教育培训厅", "lo": "ພະແນກສຶກສາທິການ ແລະ ກິລາແຂວງ", "ko": "성 교육훈련국"},
}  # fmt: skip


@transaction.atomic
def seed() -> list[str]:
    created = []
    agencies = {
        agency.code: agency for agency in Agency.objects.filter(code__in=AGENCY_NAMES.keys() | {"vp-ubnd"})
    }
    for code, names in AGENCY_NAMES.items():
        agency = agencies.get(code)
        for language, name in names.items():
            if agency is not None and not agency.translated_names.filter(language=language).exists():
                AgencyName.objects.create(agency=agency, language=language, name=name)
    for title, (language, people) in DEMO_CASES.items():
        case = Case.objects.filter(title=title).first()
        if case is None or case.hosts.exists():
            continue
        case.guest_language = language
        case.save(update_fields=["guest_language"])
        for participant in case.participants.select_related("person"):
            if participant.person.full_name in people:
                person = participant.person
                person.name_in_script, person.position_translated = people[person.full_name]
                person.save(update_fields=["name_in_script", "position_translated"])
        for item in case.programme_items.all():
            item.summary = SUMMARIES.get(item.activity, "")
            item.summary_translated = TRANSLATIONS.get(item.summary, {}).get(language, "")
            item.place_translated = TRANSLATIONS.get(item.place, {}).get(language, "")
            item.hosts_translated = TRANSLATIONS.get(item.hosts, {}).get(language, "")
            item.save()
        for name, position, code, rank in HOSTS:
            CaseHost.objects.create(
                case=case, name=name, position=position, agency=agencies.get(code), rank=rank,
                position_translated=TRANSLATIONS.get(position, {}).get(language, ""),
            )  # fmt: skip
        created.append(
            f"{case.reference}: the guests' language ({language}), translations and host officials"
        )
    return created

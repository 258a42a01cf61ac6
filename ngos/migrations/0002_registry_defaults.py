"""The registry's defaults: its settings row, the NGO timers, a list of aid sectors; and every
foreign organisation of kind NGO taken into the registry, with the registration the organisation
kept until now (number, type, dates, provinces, fields) as its first certificate; a registration
without its end date (no certificate can be made of it) is kept in the NGO's notes. Each NGO's
search text is filled as the registry's service folds it (``ngos.services.registry``). It can run
again: nothing is made or noted twice."""

from django.db import migrations

from ttdn.cases.text import fold

TIMERS = [
    (
        "ngo_activity_plan",
        "Kế hoạch hoạt động của tổ chức PCPNN",
        45,
        "Nghị định 58/2022/NĐ-CP: kế hoạch hoạt động gửi UBND tỉnh trong 45 ngày làm việc kể từ ngày "
        "được cấp, gia hạn hoặc sửa đổi giấy đăng ký.",
    ),
    (
        "ngo_bank_account",
        "Thông báo tài khoản ngân hàng của tổ chức PCPNN",
        10,
        "Nghị định 58/2022/NĐ-CP: thông báo tài khoản trong 10 ngày làm việc kể từ ngày được cấp giấy "
        "đăng ký (số ngày cần kiểm tra lại).",
    ),
    (
        "ngo_project_progress",
        "Báo cáo tiến độ dự án viện trợ PCP",
        15,
        "Nghị định 80/2020/NĐ-CP: báo cáo định kỳ tình hình thực hiện khoản viện trợ sau mỗi kỳ báo "
        "cáo (số ngày cần kiểm tra lại theo quyết định phê duyệt).",
    ),
]
ANCHORS = {"ngo_activity_plan": "after_certificate", "ngo_bank_account": "after_certificate",
           "ngo_project_progress": "after_period"}  # fmt: skip

SECTORS = [
    ("health", "Y tế"),
    ("education", "Giáo dục, đào tạo"),
    ("agriculture", "Nông nghiệp, phát triển nông thôn"),
    ("environment", "Môi trường, ứng phó biến đổi khí hậu"),
    ("water", "Nước sạch, vệ sinh môi trường"),
    ("social", "An sinh xã hội, người khuyết tật, trẻ em"),
    ("livelihood", "Sinh kế, giảm nghèo"),
    ("other", "Lĩnh vực khác"),
]

KINDS = {"operation": "operation", "project_office": "project_office",
         "representative_office": "representative_office"}  # fmt: skip


def search_text(organisation, ngo, numbers):
    """As ``ngos.services.registry.ngo_search_text`` folds it (kept here: a migration does not
    follow the service's later changes)."""
    return fold(" ".join([organisation.name, organisation.name_vi, ngo.acronym, *numbers]))


def registration_note(organisation):
    """What the organisation kept of a registration no certificate was made of, for the notes."""
    parts = [
        ("Số giấy đăng ký", organisation.ngo_registration_number),
        ("Loại", organisation.ngo_registration_type),
        ("Hiệu lực từ", organisation.ngo_registration_valid_from),
        ("Đến", organisation.ngo_registration_valid_until),
        ("Địa bàn", organisation.ngo_provinces),
    ]
    shown = "; ".join(f"{label}: {value}" for label, value in parts if value)
    return f"Đăng ký cũ (chuyển từ hồ sơ tổ chức, không đủ để lập giấy đăng ký): {shown}." if shown else ""


def forwards(apps, schema_editor):
    apps.get_model("ngos", "NgoSettings").objects.get_or_create(pk=1)
    Timer = apps.get_model("cases", "Timer")
    for code, name, days, basis in TIMERS:
        Timer.objects.get_or_create(
            code=code, defaults={"name": name, "working_days": days, "anchor": ANCHORS[code], "legal_basis": basis}
        )
    AidSector = apps.get_model("ngos", "AidSector")
    for code, name in SECTORS:
        AidSector.objects.get_or_create(code=code, defaults={"name": name})
    Organisation = apps.get_model("cases", "Organisation")
    Ngo = apps.get_model("ngos", "Ngo")
    Certificate = apps.get_model("ngos", "Certificate")
    for organisation in Organisation.objects.filter(kind="ngo"):
        ngo, _created = Ngo.objects.get_or_create(
            organisation=organisation, defaults={"fields_of_work": organisation.ngo_fields_of_work}
        )
        if organisation.ngo_registration_number and organisation.ngo_registration_valid_until:
            issued = organisation.ngo_registration_valid_from or organisation.ngo_registration_valid_until
            Certificate.objects.get_or_create(
                ngo=ngo,
                number=organisation.ngo_registration_number,
                defaults={
                    "kind": KINDS.get(organisation.ngo_registration_type, "operation"),
                    "event": "issued",
                    "issued_on": issued,
                    "valid_until": organisation.ngo_registration_valid_until,
                    "provinces": organisation.ngo_provinces,
                    "fields_of_work": organisation.ngo_fields_of_work,
                },
            )
        else:
            note = registration_note(organisation)
            if note and note not in ngo.notes:
                ngo.notes = f"{ngo.notes}\n{note}".strip()
                ngo.save(update_fields=["notes"])
        numbers = Certificate.objects.filter(ngo=ngo).values_list("number", flat=True)
        text = search_text(organisation, ngo, numbers)
        if text != ngo.search_text:
            Ngo.objects.filter(pk=ngo.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [
        ("ngos", "0001_initial"),
        ("cases", "0027_timer_anchors_for_ngos"),
    ]
    # The organisations' registration fields are read here before the core removes them.
    run_before = [("cases", "0028_organisation_registration_moved_to_ngos")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

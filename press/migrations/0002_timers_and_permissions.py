from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

TIMERS = [
    {
        "code": "press_non_resident_dossier",
        "name": "Hồ sơ phóng viên không thường trú gửi Bộ Ngoại giao",
        "working_days": 10,
        "anchor": "before_start",
        "legal_basis": "Nghị định 88/2012/NĐ-CP, Điều 10",
    },
    {
        "code": "press_resident_answer",
        "name": "Trả lời đề nghị của phóng viên thường trú",
        "working_days": 5,
        "anchor": "after_receipt",
        "legal_basis": "Nghị định 88/2012/NĐ-CP, Điều 7",
    },
]
VIEW = ["press.view_pressvisit", "press.view_coverage"]
ROLE_PERMISSIONS = {
    "protocol": VIEW
    + ["press.view_presscard"]
    + [f"press.{a}_{m}" for m in ("pressvisit", "coverage", "presscard") for a in ("add", "change")],
    "police": VIEW + ["press.view_presscard"],
    "agency": VIEW,
    "leader": VIEW,
    "admin": VIEW + ["press.view_presscard", "press.change_presscard"],
}


def create(apps, schema_editor):
    Timer = apps.get_model("cases", "Timer")
    for timer in TIMERS:
        Timer.objects.get_or_create(code=timer["code"], defaults=timer)
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("press", "0001_initial"), ("cases", "0007_timers_and_permissions"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

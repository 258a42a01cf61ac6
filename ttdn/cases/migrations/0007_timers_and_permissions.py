from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

ROLE_PERMISSIONS = {
    "admin": [
        "cases.view_timer",
        "cases.change_timer",
        "cases.view_calendarday",
        "cases.add_calendarday",
        "cases.change_calendarday",
        "cases.delete_calendarday",
        "cases.view_review",
        "cases.view_secrecymark",
    ],
    "police": ["cases.view_review", "cases.change_review", "cases.view_secrecymark"],
    "protocol": ["cases.view_review", "cases.view_secrecymark", "cases.add_secrecymark"],
    "leader": ["cases.view_review", "cases.view_secrecymark"],
}


def create(apps, schema_editor):
    Timer = apps.get_model("cases", "Timer")
    Timer.objects.get_or_create(
        code="police_review",
        defaults={
            "name": "Kiểm tra bảo mật của Công an tỉnh",
            "working_days": 2,
            "anchor": "before_start",
            "legal_basis": "Quy chế quản lý thống nhất hoạt động đối ngoại của tỉnh",
        },
    )
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_calendarday_timer_historicalreview_and_more")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

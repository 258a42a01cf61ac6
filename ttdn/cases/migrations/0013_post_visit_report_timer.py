from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

VIEW = ["cases.view_postvisitreport"]
ROLE_PERMISSIONS = {
    "protocol": [*VIEW, "cases.add_postvisitreport"],
    "agency": [*VIEW, "cases.add_postvisitreport"],
    "police": VIEW,
    "leader": VIEW,
    "admin": VIEW,
}


def create(apps, schema_editor):
    Timer = apps.get_model("cases", "Timer")
    Timer.objects.get_or_create(
        code="post_visit_report",
        defaults={
            "name": "Báo cáo kết quả sau đoàn",
            "working_days": 5,
            "anchor": "after_end",
            "legal_basis": "Quy chế quản lý thống nhất hoạt động đối ngoại của tỉnh",
        },
    )
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_post_visit_report")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

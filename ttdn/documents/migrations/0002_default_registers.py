from django.db import migrations


def create_registers(apps, schema_editor):
    Register = apps.get_model("documents", "Register")
    common = {"parent_body": "UBND TỈNH TUYÊN QUANG", "body": "VĂN PHÒNG", "body_symbol": "VP", "place": "Tuyên Quang"}
    Register.objects.get_or_create(
        code="van-ban-di",
        defaults={"name": "Sổ văn bản đi – Văn phòng UBND tỉnh", "direction": "out", "is_default": True, **common},
    )
    Register.objects.get_or_create(
        code="van-ban-den",
        defaults={"name": "Sổ văn bản đến – Văn phòng UBND tỉnh", "direction": "in", "is_default": True, **common},
    )


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(create_registers, migrations.RunPython.noop)]

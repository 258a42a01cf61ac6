from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

# The layouts a new installation starts with; admins change them or add their own.
LAYOUTS = [
    {
        "name": "Thẻ đeo A6 (4 thẻ/tờ A4)",
        "kind": "badge",
        "sheet": "a6x4",
        "is_default": True,
        "elements": [
            {"field": "name", "size": 24, "weight": "bold"},
            {"field": "position", "size": 12},
            {"field": "organisation", "size": 11},
            {"field": "country", "size": 11},
            {"field": "role", "size": 12, "weight": "bold"},
            {"field": "qr", "size": 26},
        ],
    },
    {
        "name": "Thẻ đeo A7 (8 thẻ/tờ A4)",
        "kind": "badge",
        "sheet": "a7x8",
        "is_default": False,
        "elements": [
            {"field": "name", "size": 15, "weight": "bold"},
            {"field": "position", "size": 8},
            {"field": "organisation", "size": 8},
            {"field": "role", "size": 8, "weight": "bold"},
            {"field": "qr", "size": 16},
        ],
    },
    {
        "name": "Thẻ tên để bàn (A4 gấp đôi)",
        "kind": "place_card",
        "sheet": "a4tent",
        "is_default": True,
        "elements": [
            {"field": "name", "size": 66, "weight": "bold"},
            {"field": "position", "size": 22},
        ],
    },
]

ADMIN = [
    "printouts.view_badgelayout", "printouts.add_badgelayout", "printouts.change_badgelayout",
    "printouts.delete_badgelayout",
]  # fmt: skip


def create_layouts(apps, schema_editor):
    BadgeLayout = apps.get_model("printouts", "BadgeLayout")
    for layout in LAYOUTS:
        fields = dict(layout)
        BadgeLayout.objects.get_or_create(name=fields.pop("name"), defaults=fields)
    grant_role_permissions(apps, {"admin": ADMIN})


class Migration(migrations.Migration):
    dependencies = [("printouts", "0001_badge_layouts"), ("accounts", "0014_agency_names")]

    operations = [migrations.RunPython(create_layouts, migrations.RunPython.noop)]

"""The gifts' "budget line" becomes a funding source (nguồn kinh phí): a name of its own, apart from
the lines of a case's reception budget (``ttdn.budget``). The content type follows the rename
(Django's contenttypes); the permissions' codenames are renamed here, so that the admins keep them."""

from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]
RENAMED = [("budgetline", "fundingsource", "funding source for gifts"),
           ("historicalbudgetline", "historicalfundingsource", "historical funding source for gifts")]  # fmt: skip


def rename_permissions(apps, schema_editor, *, backwards=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for old, new, verbose in RENAMED:
        if backwards:
            old, new = new, old
        # Forwards after the content type's rename, backwards before its rename back.
        content_type = ContentType.objects.filter(app_label="gifts", model__in=[old, new]).first()
        if content_type is None:  # a database without content types yet: Django makes them later
            continue
        for action in ACTIONS:
            stale = Permission.objects.filter(content_type=content_type, codename=f"{action}_{old}").first()
            if stale is None:
                continue
            fresh = Permission.objects.filter(content_type=content_type, codename=f"{action}_{new}").first()
            if fresh is None:
                stale.codename, stale.name = f"{action}_{new}", f"Can {action} {verbose}"
                stale.save(update_fields=["codename", "name"])
            else:  # made meanwhile by another migration: who had the old one gets the new one
                fresh.group_set.add(*stale.group_set.all())
                fresh.user_set.add(*stale.user_set.all())
                stale.delete()


def backwards(apps, schema_editor):
    rename_permissions(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("gifts", "0003_reminders_to_protocol"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RenameModel("BudgetLine", "FundingSource"),
        migrations.RenameModel("HistoricalBudgetLine", "HistoricalFundingSource"),
        migrations.RunPython(rename_permissions, backwards),
    ]

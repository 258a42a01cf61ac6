"""The police's sight of a restricted case referred to them (issue 15): a permission of its own,
given now to the cases already referred (they stalled: the police could not open them)."""

from django.db import migrations
from django.utils import timezone

WITHDRAWN = ["cancelled", "rejected"]


def give_sight_to_referred_restricted_cases(apps, schema_editor):
    from ttdn.accounts.role_migrations import grant_role_permissions

    grant_role_permissions(apps, {})  # make sure the new permission exists
    Permission = apps.get_model("auth", "Permission")
    GroupGrant = apps.get_model("cases", "CaseGroupObjectPermission")
    HistoricalGroupGrant = apps.get_model("cases", "HistoricalCaseGroupObjectPermission")
    sight = Permission.objects.get(content_type__app_label="cases", codename="see_referred_case")
    referrals = GroupGrant.objects.filter(
        permission__codename="review_case", content_object__access_level="restricted"
    ).exclude(content_object__status__in=WITHDRAWN)
    held = set(GroupGrant.objects.filter(permission=sight).values_list("content_object_id", "group_id"))
    now = timezone.now()
    for case_id, group_id in referrals.values_list("content_object_id", "group_id"):
        if (case_id, group_id) in held:
            continue
        grant = GroupGrant.objects.create(content_object_id=case_id, permission=sight, group_id=group_id)
        HistoricalGroupGrant.objects.create(
            id=grant.pk, content_object_id=case_id, permission=sight, group_id=group_id,
            history_date=now, history_type="+", history_change_reason="issue 15",
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0021_events_from_history_reasons"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="case",
            options={
                "ordering": ["-start_date", "-pk"],
                "permissions": [
                    ("review_case", "Review the case for the police (referral)"),
                    ("access_restricted_case", "See the case while it is restricted (need to know)"),
                    ("see_referred_case", "See the restricted case referred to the police, until withdrawn"),
                ],
                "verbose_name": "case",
                "verbose_name_plural": "cases",
            },
        ),
        migrations.RunPython(give_sight_to_referred_restricted_cases, migrations.RunPython.noop),
    ]

"""Give existing cases the grants that services now write when cases are created or referred."""

from django.db import migrations

LATER_THAN_SUBMITTED = ["under_review", "approved", "rejected", "in_progress", "completed", "reported", "closed"]


def backfill(apps, schema_editor):
    from ttdn.accounts.role_migrations import grant_role_permissions

    grant_role_permissions(apps, {})  # make sure the new permissions exist
    Case = apps.get_model("cases", "Case")
    Agency = apps.get_model("accounts", "Agency")
    Permission = apps.get_model("auth", "Permission")
    GroupGrant = apps.get_model("cases", "CaseGroupObjectPermission")
    UserGrant = apps.get_model("cases", "CaseUserObjectPermission")
    view, review, need = (
        Permission.objects.get(content_type__app_label="cases", codename=codename)
        for codename in ("view_case", "review_case", "access_restricted_case")
    )
    police = list(Agency.objects.filter(kind="police", parent__isnull=True, is_active=True))
    group_rows, user_rows = set(), set()
    for case in Case.objects.prefetch_related("co_host_agencies").select_related("lead_agency"):
        for agency in [case.lead_agency, *case.co_host_agencies.all()]:
            group_rows.add((case.pk, view.pk, agency.group_id))
        if case.status in LATER_THAN_SUBMITTED:
            group_rows.update((case.pk, review.pk, agency.group_id) for agency in police)
        for user_id in {case.created_by_id, case.responsible_officer_id} - {None}:
            user_rows.add((case.pk, need.pk, user_id))
    GroupGrant.objects.bulk_create(
        [GroupGrant(content_object_id=c, permission_id=p, group_id=g) for c, p, g in group_rows],
        ignore_conflicts=True,
    )
    UserGrant.objects.bulk_create(
        [UserGrant(content_object_id=c, permission_id=p, user_id=u) for c, p, u in user_rows],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_access"), ("accounts", "0003_user_calendar_token")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

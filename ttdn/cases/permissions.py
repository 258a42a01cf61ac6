"""Object permissions on cases, written in bulk on guardian's direct tables. Services call these;
nothing else writes grants.

- ``view_case`` to an agency's group: the agency leads or co-hosts the case.
- ``review_case`` to a police agency's group: the case was referred to it.
- ``access_restricted_case`` to a user or an agency's group: need to know a restricted case.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db.models import Model
from simple_history.utils import bulk_create_with_history

from ttdn.accounts.models import Agency, User
from ttdn.cases.models import Case, CaseGroupObjectPermission, CaseUserObjectPermission

VIEW = "view_case"
REVIEW = "review_case"
NEED_TO_KNOW = "access_restricted_case"


def _permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="cases", codename=codename)


def _create(objects: list[Model], actor: User | None) -> None:
    """Insert grants in one statement, each with its history row naming who granted it."""
    if objects:
        bulk_create_with_history(objects, type(objects[0]), default_user=actor)


def _set_group_grants(case: Case, codename: str, groups: Iterable[Group], actor: User | None) -> None:
    """Make ``groups`` exactly those holding ``codename`` on ``case``."""
    permission = _permission(codename)
    wanted = {group.pk for group in groups}
    current = set(
        CaseGroupObjectPermission.objects.filter(content_object=case, permission=permission).values_list(
            "group_id", flat=True
        )
    )
    CaseGroupObjectPermission.objects.filter(
        content_object=case, permission=permission, group_id__in=current - wanted
    ).delete()
    _create(
        [
            CaseGroupObjectPermission(content_object=case, permission=permission, group_id=group_id)
            for group_id in wanted - current
        ],
        actor,
    )


def sync_host_grants(*, case: Case, actor: User | None) -> None:
    """The lead and co-host agencies see the case; agencies that stopped hosting it do not."""
    agency_ids = {case.lead_agency_id, *case.co_host_agencies.values_list("pk", flat=True)}
    groups = Group.objects.filter(agency__pk__in=agency_ids)
    _set_group_grants(case, VIEW, groups, actor)


def grant_review(*, case: Case, agencies: Iterable[Agency], actor: User | None) -> None:
    permission = _permission(REVIEW)
    held = set(
        CaseGroupObjectPermission.objects.filter(content_object=case, permission=permission).values_list(
            "group_id", flat=True
        )
    )
    _create(
        [
            CaseGroupObjectPermission(content_object=case, permission=permission, group_id=agency.group_id)
            for agency in agencies
            if agency.group_id not in held
        ],
        actor,
    )


def revoke_review(*, case: Case) -> None:
    CaseGroupObjectPermission.objects.filter(content_object=case, permission__codename=REVIEW).delete()


def grant_need_to_know(
    *, case: Case, actor: User | None, users: Iterable[User] = (), agencies: Iterable[Agency] = ()
) -> None:
    permission = _permission(NEED_TO_KNOW)
    users_held = set(
        CaseUserObjectPermission.objects.filter(content_object=case, permission=permission).values_list(
            "user_id", flat=True
        )
    )
    groups_held = set(
        CaseGroupObjectPermission.objects.filter(content_object=case, permission=permission).values_list(
            "group_id", flat=True
        )
    )
    _create(
        [
            CaseUserObjectPermission(content_object=case, permission=permission, user=user)
            for user in {u.pk: u for u in users}.values()
            if user.pk not in users_held
        ],
        actor,
    )
    _create(
        [
            CaseGroupObjectPermission(content_object=case, permission=permission, group_id=agency.group_id)
            for agency in {a.pk: a for a in agencies}.values()
            if agency.group_id not in groups_held
        ],
        actor,
    )


def revoke_need_to_know(*, case: Case, users: Iterable[User] = (), agencies: Iterable[Agency] = ()) -> None:
    CaseUserObjectPermission.objects.filter(
        content_object=case, permission__codename=NEED_TO_KNOW, user__in=list(users)
    ).delete()
    CaseGroupObjectPermission.objects.filter(
        content_object=case,
        permission__codename=NEED_TO_KNOW,
        group_id__in=[agency.group_id for agency in agencies],
    ).delete()


def need_to_know_of(*, case: Case) -> tuple[list[User], list[Agency]]:
    users = list(
        User.objects.filter(
            pk__in=CaseUserObjectPermission.objects.filter(
                content_object=case, permission__codename=NEED_TO_KNOW
            ).values("user_id")
        ).select_related("agency")
    )
    agencies = list(
        Agency.objects.filter(
            group__in=CaseGroupObjectPermission.objects.filter(
                content_object=case, permission__codename=NEED_TO_KNOW
            ).values("group_id")
        )
    )
    return users, agencies

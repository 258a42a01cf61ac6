"""Object permissions on cases, written in bulk on guardian's direct tables. Services call these;
nothing else writes grants.

- ``view_case`` to an agency's group: the agency leads or co-hosts the case.
- ``review_case`` to a police agency's group: the case was referred to it.
- ``access_restricted_case`` to a user or an agency's group: need to know a restricted case.
- ``see_referred_case`` to a police agency's group: the referral of a restricted case is its
  officers' need to know, until the referral is withdrawn (the review's services keep it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from django.contrib.auth.models import Group, Permission
from django.db.models import Model

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.bulk import chunked
from ttdn.cases import kinds
from ttdn.cases.history import bulk_create_recorded
from ttdn.cases.models import Case, CaseGroupObjectPermission, CaseUserObjectPermission

VIEW = "view_case"
REVIEW = "review_case"
NEED_TO_KNOW = "access_restricted_case"
REFERRAL_SIGHT = "see_referred_case"


def _permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="cases", codename=codename)


def _create(objects: list[Model], actor: User | None) -> None:
    """Insert grants in one statement per batch, each with its history row naming who granted it."""
    bulk_create_recorded(objects, actor=actor)


def _delete(grants: Iterable[Model], actor: User | None) -> None:
    """Delete grants one by one, so that each history row names who took it back."""
    for grant in grants:
        grant._history_user = actor  # type: ignore[attr-defined]
        grant.delete()


def _set_group_grants(
    case: Case, codename: str, groups: Iterable[Group], actor: User | None
) -> tuple[set[int], set[int]]:
    """Make ``groups`` exactly those holding ``codename`` on ``case``; return the ids of the
    groups given it and of those that lost it."""
    permission = _permission(codename)
    wanted = {group.pk for group in groups}
    current = set(
        CaseGroupObjectPermission.objects.filter(content_object=case, permission=permission).values_list(
            "group_id", flat=True
        )
    )
    _delete(
        CaseGroupObjectPermission.objects.filter(
            content_object=case, permission=permission, group_id__in=current - wanted
        ),
        actor,
    )
    _create(
        [
            CaseGroupObjectPermission(content_object=case, permission=permission, group_id=group_id)
            for group_id in wanted - current
        ],
        actor,
    )
    return wanted - current, current - wanted


def sync_host_grants(*, case: Case, actor: User | None) -> None:
    """The lead and co-host agencies see the case, and those its kind adds (``CaseKind.agencies_seeing``);
    agencies that stopped hosting it do not."""
    sync_host_grants_many(cases=[case], actor=actor)


def sync_host_grants_many(*, cases: Sequence[Case], actor: User | None) -> None:
    """``sync_host_grants`` for many cases at once: a fixed number of queries up to a batch
    (``ttdn.bulk.BATCH_SIZE`` cases), grants taken back one by one (each in its history)."""
    if not cases:
        return
    permission = _permission(VIEW)
    wanted: dict[int, set[int]] = {case.pk: {case.lead_agency_id} for case in cases}
    through = Case.co_host_agencies.through
    for chunk in chunked(list(wanted)):
        for case_id, agency_id in through.objects.filter(case_id__in=chunk).values_list(
            "case_id", "agency_id"
        ):
            wanted[case_id].add(agency_id)
        for case_id, agency_id in kinds.agencies_seeing(chunk):
            wanted[case_id].add(agency_id)
    group_of = dict(
        Agency.objects.filter(
            pk__in={pk for pks in wanted.values() for pk in pks}, group__isnull=False
        ).values_list("pk", "group_id")
    )
    wanted_groups = {
        case_id: {group_of[pk] for pk in agency_ids if pk in group_of}
        for case_id, agency_ids in wanted.items()
    }
    current: dict[int, set[int]] = defaultdict(set)
    stale: list[int] = []
    for chunk in chunked(list(wanted)):
        for pk, case_id, group_id in CaseGroupObjectPermission.objects.filter(
            content_object_id__in=chunk, permission=permission
        ).values_list("pk", "content_object_id", "group_id"):
            current[case_id].add(group_id)
            if group_id not in wanted_groups[case_id]:
                stale.append(pk)
    if stale:
        _delete(CaseGroupObjectPermission.objects.filter(pk__in=stale), actor)
    _create(
        [
            CaseGroupObjectPermission(content_object_id=case_id, permission=permission, group_id=group_id)
            for case_id, groups in wanted_groups.items()
            for group_id in sorted(groups - current[case_id])
        ],
        actor,
    )


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


def sync_referral_sight(*, case: Case, actor: User | None) -> tuple[list[Agency], list[Agency]]:
    """The police agencies a restricted case is referred to see it, until the referral is
    withdrawn with the review (the case cancelled or rejected); a normal case needs no such grant.
    Returns the agencies given sight and those that lost it."""
    groups: Iterable[Group] = ()
    if case.is_restricted and case.status not in Case.WITHDRAWN:
        groups = Group.objects.filter(
            pk__in=CaseGroupObjectPermission.objects.filter(
                content_object=case, permission__codename=REVIEW
            ).values("group_id")
        )
    added, removed = _set_group_grants(case, REFERRAL_SIGHT, groups, actor)
    agencies = {agency.group_id: agency for agency in Agency.objects.filter(group_id__in=added | removed)}
    return [agencies[pk] for pk in added if pk in agencies], [
        agencies[pk] for pk in removed if pk in agencies
    ]


def referral_sight_of(*, case: Case) -> tuple[Agency, list[User]] | None:
    """The police agency that sees ``case`` by its referral, and its officers who do."""
    agency = Agency.objects.filter(
        group__in=CaseGroupObjectPermission.objects.filter(
            content_object=case, permission__codename=REFERRAL_SIGHT
        ).values("group_id")
    ).first()
    if agency is None:
        return None
    officers = User.objects.filter(agency=agency, is_active=True, groups__name=Role.POLICE).order_by(
        "full_name"
    )
    return agency, list(officers)


def grant_need_to_know(
    *, case: Case, actor: User | None, users: Iterable[User] = (), agencies: Iterable[Agency] = ()
) -> None:
    grant_need_to_know_many(actor=actor, users={case: list(users)}, agencies={case: list(agencies)})


def grant_need_to_know_many(
    *,
    actor: User | None,
    users: Mapping[Case, Iterable[User]],
    agencies: Mapping[Case, Iterable[Agency]] | None = None,
) -> None:
    """``grant_need_to_know`` for many cases at once (the users and agencies given per case),
    in a fixed number of queries up to a batch; grants already held are kept as they are."""
    user_lists = {case: list(holders) for case, holders in users.items()}
    agency_lists = {case: list(holders) for case, holders in (agencies or {}).items()}
    case_ids = list({case.pk for case in [*user_lists, *agency_lists]})
    if not case_ids:
        return
    permission = _permission(NEED_TO_KNOW)
    users_held: set[tuple[int, int]] = set()
    groups_held: set[tuple[int, int]] = set()
    for chunk in chunked(case_ids):
        if any(user_lists.values()):
            users_held.update(
                CaseUserObjectPermission.objects.filter(
                    content_object_id__in=chunk, permission=permission
                ).values_list("content_object_id", "user_id")
            )
        if any(agency_lists.values()):
            groups_held.update(
                CaseGroupObjectPermission.objects.filter(
                    content_object_id__in=chunk, permission=permission
                ).values_list("content_object_id", "group_id")
            )
    _create(
        [
            CaseUserObjectPermission(content_object=case, permission=permission, user=user)
            for case, holders in user_lists.items()
            for user in {u.pk: u for u in holders}.values()
            if (case.pk, user.pk) not in users_held
        ],
        actor,
    )
    _create(
        [
            CaseGroupObjectPermission(content_object=case, permission=permission, group_id=agency.group_id)
            for case, holders in agency_lists.items()
            for agency in {a.pk: a for a in holders}.values()
            if (case.pk, agency.group_id) not in groups_held
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

"""Reads of cases. Every page, feed and export gets its cases from ``cases_visible_to``."""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Collection, Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Permission
from django.db import router
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, roles_load, roles_of, works_for_agency
from ttdn.cases import kinds
from ttdn.cases.deadlines import add_working_days
from ttdn.cases.models import (
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    FollowUp,
    Participant,
    Person,
    ProgrammeItem,
    Review,
)
from ttdn.cases.permissions import NEED_TO_KNOW, REFERRAL_SIGHT, REVIEW, VIEW
from ttdn.cases.text import fold
from ttdn.statements import STAND_IN, CompiledStatement, compile_once

S = Case.Status
# Roles that work on every (normal) case of the province.
PROVINCE_WIDE_ROLES = frozenset({Role.PROTOCOL, Role.LEADER, Role.ADMIN})


def _grants(user: User, codename: str) -> tuple[QuerySet[Any], QuerySet[Any]]:
    """The grants of ``codename`` on cases to ``user`` and to their groups (guardian's direct
    tables). The permission is a scalar subquery (computed once, then a constant of the plan) and
    the groups are read from the membership table: both key the grants' unique index (group or
    user, permission, case), where joining the permission and group tables made PostgreSQL read
    every grant of the group, whatever its permission (at 100,000 cases, the police's list 370 ->
    200 ms)."""
    permission = _permission(codename)
    to_user, to_group = _all_grants(user)
    return to_user.filter(permission_id=permission), to_group.filter(permission_id=permission)


def _permission(codename: str) -> Subquery:
    return Subquery(
        Permission.objects.filter(
            content_type__app_label=Case._meta.app_label,
            content_type__model=Case._meta.model_name,
            codename=codename,
        ).values("pk")[:1]
    )


def _all_grants(user: User) -> tuple[QuerySet[Any], QuerySet[Any]]:
    groups = User.groups.through.objects.filter(user_id=user.pk).values("group_id")
    return (
        CaseUserObjectPermission.objects.filter(user_id=user.pk),
        CaseGroupObjectPermission.objects.filter(group_id__in=groups),
    )


def _granted(user: User, codename: str, *, probe: bool = False) -> Q:
    """The case holds ``codename`` for ``user`` or one of their groups (guardian's direct tables).

    By default two uncorrelated ``IN`` subqueries: PostgreSQL computes each set of granted ids once
    (a hashed subplan, from the grants' indexes) instead of probing the grants for every case, which
    the ``EXISTS`` form made it do at 100,000 cases (issue 18). That set grows with the history, so
    reads that first narrow the cases to a few (a month, what is pending: ``probe``) test each
    case's grants by an index probe instead, and take as long at 100,000 cases as at 10,000.
    """
    to_user, to_group = _grants(user, codename)
    if probe:
        return Q(Exists(to_user.filter(content_object_id=OuterRef("pk")))) | Q(
            Exists(to_group.filter(content_object_id=OuterRef("pk")))
        )
    return Q(pk__in=to_user.values("content_object_id")) | Q(pk__in=to_group.values("content_object_id"))


def cases_visible_to(user: AbstractBaseUser | AnonymousUser, *, probe: bool = False) -> QuerySet[Case]:
    """The cases ``user`` may see: the one access policy of the product (DESIGN.md, issue 4).

    | role              | normal case                         | restricted case               |
    | protocol, leader, | every case                          | only with a need-to-know      |
    | admin             |                                     | grant                         |
    | agency            | cases its agency leads or co-hosts  | only with a grant             |
    | police            | cases referred to its agency        | referred to its agency (until |
    |                   |                                     | withdrawn), or referred and   |
    |                   |                                     | granted                       |

    The referral of a restricted case is the need to know of the police agency's officers (not
    of its other staff): the review's services grant it with the referral and take it back with
    the review. Grants live in guardian's direct tables; model-level permissions open nothing here.

    ``probe``: the same policy for a read whose other filters leave few cases (see ``_granted``).
    """
    condition = visibility_condition(user, probe=probe)
    return Case.objects.none() if condition is None else Case.objects.filter(condition)


def of_visible_cases(user: AbstractBaseUser | AnonymousUser, *, case_field: str = "case_id") -> Q:
    """The condition on records of cases (reviews, follow-ups, notifications) that their case is
    one ``user`` may see: ``cases_visible_to``'s, probed for each record's case. For reads that
    narrow the records first (the user's own, what is pending), so that they do not grow with the
    cases that exist."""
    condition = visibility_condition(user, probe=True)
    if condition is None:
        return Q(pk__in=[])
    return Q(Exists(Case.objects.filter(condition, pk=OuterRef(case_field))))


# The access policy as data (the table of ``cases_visible_to``): for each role, the rules that
# open a case to it, each an access level and the grants it needs (all of them; none: no grant).
# ``visibility_condition`` and ``visible_case_count`` are both read from here.
Rule = tuple[str, tuple[str, ...]]
L = Case.AccessLevel
RULES_OF_ROLE: dict[Role, tuple[Rule, ...]] = {
    **dict.fromkeys(PROVINCE_WIDE_ROLES, ((L.NORMAL, ()), (L.RESTRICTED, (NEED_TO_KNOW,)))),
    Role.AGENCY: ((L.NORMAL, (VIEW,)), (L.RESTRICTED, (NEED_TO_KNOW,))),
    Role.POLICE: (
        (L.NORMAL, (REVIEW,)),
        (L.RESTRICTED, (REVIEW, NEED_TO_KNOW)),
        (L.RESTRICTED, (REFERRAL_SIGHT,)),
    ),
}


def _rules_of(user: AbstractBaseUser | AnonymousUser) -> list[Rule]:
    """The rules of the user's roles, in a fixed order (the statements stay the same)."""
    roles = roles_of(user) if isinstance(user, User) else set()
    return sorted({rule for role in roles for rule in RULES_OF_ROLE.get(role, ())})


def visibility_condition(user: AbstractBaseUser | AnonymousUser, *, probe: bool = False) -> Q | None:
    """The condition of ``cases_visible_to`` on a case (None: no case at all). It depends on the
    user's roles, their groups and the grants to the user or those groups, nothing else: what
    ``cases_visible_to_each`` relies on to decide for many users at once."""
    rules = _rules_of(user)
    if not rules:
        return None
    assert isinstance(user, User)  # noqa: S101 - _rules_of gives none to anyone else
    return _condition_of_rules(user, rules, probe=probe)


def _condition_of_rules(user: User, rules: list[Rule], *, probe: bool) -> Q:
    """The condition that ``rules`` open a case to ``user`` (of whom only the id is read)."""
    # Rules that need the same (first) grant share its test: the police's review grant is read
    # once for both access levels, not twice (at 100,000 cases, a set of 98,000 ids).
    by_grant: dict[str, list[Q]] = {}
    for level, codenames in rules:
        condition = Q(access_level=level)
        for codename in codenames[1:]:
            condition &= _granted(user, codename, probe=probe)
        by_grant.setdefault(codenames[0] if codenames else "", []).append(condition)
    parts = []
    for codename, conditions in by_grant.items():
        either = functools.reduce(operator.or_, conditions)
        parts.append(either & _granted(user, codename, probe=probe) if codename else either)
    return functools.reduce(operator.or_, parts)


# Roles whose grants open a small share of the cases (an agency: the visits it hosts), for whom
# counting the grants is cheaper than testing every case. The police are referred nearly every
# case: a union of their 98,000 grants at 100,000 cases is slower than the count (80 vs 71 ms).
COUNTED_FROM_GRANTS = frozenset({Role.AGENCY})


def visible_case_count(user: AbstractBaseUser | AnonymousUser) -> int:
    """``cases_visible_to(user).count()``, in one query, for a list that no filter narrows. For the
    roles of ``COUNTED_FROM_GRANTS`` the cases are counted from the grants alone: the ids each
    rule grants, those of the other access level taken out by the (few) restricted cases' ids, in
    one ``UNION``. At 100,000 cases an agency's count reads its 3,500 grants instead of testing
    the grants of each of the 100,000 cases (13 -> 3 ms in SQL, issue 18).

    The statement is the same for every user of the same rules but for their id: it is compiled
    once per process (``_count_statement``), not on every list (3.6 ms of the agency's 6).
    """
    rules = _rules_of(user)
    if not rules:
        return 0
    assert isinstance(user, User)  # noqa: S101 - _rules_of gives none to anyone else
    one_grant_each = all(len(codenames) == 1 for _level, codenames in rules)
    from_grants = one_grant_each and roles_of(user) <= COUNTED_FROM_GRANTS
    statement = _count_statement(tuple(rules), from_grants=from_grants, alias=router.db_for_read(Case))
    return statement.count(user.pk)


@functools.lru_cache(maxsize=32)
def _count_statement(rules: tuple[Rule, ...], *, from_grants: bool, alias: str) -> CompiledStatement:
    """The rows that ``visible_case_count`` counts for users of ``rules``, compiled with the stand-in
    for the user's id. It names permissions by codename, never by id: it holds for as long as the
    process runs (a test database made anew included)."""
    stand_in = User(pk=STAND_IN)
    if from_grants:
        # a case is normal or restricted: a normal rule's grants are those not on a restricted case
        restricted = Q(content_object_id__in=Case.objects.filter(access_level=L.RESTRICTED).values("pk"))
        opening = functools.reduce(
            operator.or_,
            (
                Q(permission_id=_permission(codenames[0]))
                & (restricted if level == L.RESTRICTED else ~restricted)
                for level, codenames in rules
            ),
        )
        to_user, to_group = (
            grants.filter(opening).values("content_object_id") for grants in _all_grants(stand_in)
        )
        return compile_once(to_user.union(to_group), alias)
    visible = Case.objects.filter(_condition_of_rules(stand_in, list(rules), probe=False))
    return compile_once(visible.order_by().values("pk"), alias)


# One statement decides for at most 200 users (a column each) and 15,000 cases (SQLite allows
# 32,766 parameters, PostgreSQL 65,535; a user's condition takes 10 to 27, up to 60 for one who
# holds every role).
DECIDERS_PER_QUERY = 200
CASES_PER_QUERY = 15_000


def cases_visible_to_each(*, users: Iterable[User], case_ids: Collection[int]) -> dict[int, set[int]]:
    """For each of ``users``, the ids among ``case_ids`` they may see, by ``cases_visible_to``'s own
    condition, in a few queries however many users (issue 18): users who see alike (the same
    roles and groups, no grant of their own on these cases) are decided once, and one statement
    reads the cases once with each decider's condition as a column."""
    users = list(users)
    seen: dict[int, set[int]] = {user.pk: set() for user in users}
    if not users or not case_ids:
        return seen
    roles_load(users)
    ids = sorted(case_ids)
    groups: dict[int, set[int]] = {user.pk: set() for user in users}
    for user_id, group_id in User.groups.through.objects.filter(user__in=users).values_list(
        "user_id", "group_id"
    ):
        groups[user_id].add(group_id)
    own_grants: set[int] = set()
    for first in range(0, len(ids), CASES_PER_QUERY):
        own_grants.update(
            CaseUserObjectPermission.objects.filter(
                user__in=users, content_object_id__in=ids[first : first + CASES_PER_QUERY]
            ).values_list("user_id", flat=True)
        )
    alike: dict[object, list[User]] = {}
    for user in users:
        key = user.pk if user.pk in own_grants else (roles_of(user), frozenset(groups[user.pk]))
        alike.setdefault(key, []).append(user)
    deciders: list[tuple[User, Q, list[User]]] = []
    for members in alike.values():
        condition = visibility_condition(members[0])
        if condition is not None:
            deciders.append((members[0], condition, members))
    for first in range(0, len(deciders), DECIDERS_PER_QUERY):
        chunk = deciders[first : first + DECIDERS_PER_QUERY]
        columns = {
            f"sees_{index}": ExpressionWrapper(condition, output_field=BooleanField())
            for index, (_, condition, _) in enumerate(chunk)
        }
        for start in range(0, len(ids), CASES_PER_QUERY):
            rows = (
                Case.objects.filter(pk__in=ids[start : start + CASES_PER_QUERY])
                .order_by()
                .annotate(**columns)
                .values_list("pk", *columns)
            )
            for pk, *flags in rows:
                for (_, _, members), flag in zip(chunk, flags, strict=True):
                    if flag:
                        for member in members:
                            seen[member.pk].add(pk)
    return seen


def case_get_for(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> Case:
    """One case for its page; a case the user may not see is missing, exactly like one that is."""
    try:
        return (
            cases_visible_to(user)
            .select_related(
                "lead_agency",
                "counterpart",
                "responsible_officer",
                "created_by",
                *kinds.extension_accessors(),
            )
            .prefetch_related("co_host_agencies")
            .get(pk=pk)
        )
    except Case.DoesNotExist as error:
        raise Http404 from error


def case_list_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    """``cases`` with what each row of the list shows. The participants are counted by a subquery,
    for the rows of the page only: a join and GROUP BY would count them for every visible case
    (and the paginator's count would carry it)."""
    participants = (
        Participant.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return cases.select_related("lead_agency", "counterpart").annotate(
        participant_count=Coalesce(Subquery(participants), 0)
    )


def case_list_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Case]:
    """The case list's rows, with what each row shows, in a fixed number of queries."""
    return case_list_rows(cases_visible_to(user))


def cases_between(
    *, user: AbstractBaseUser | AnonymousUser, first: datetime.date, last: datetime.date
) -> QuerySet[Case]:
    """Visible visits that overlap the days ``first`` to ``last`` (cancelled and rejected left out)."""
    return (
        cases_visible_to(user, probe=True)
        .filter(start_date__lte=last, end_date__gte=first)
        .exclude(status__in=Case.WITHDRAWN)
        .select_related("lead_agency")
        .order_by("start_date", "reference")
    )


def programme_between(
    *, user: AbstractBaseUser | AnonymousUser, first: datetime.date, last: datetime.date
) -> QuerySet[ProgrammeItem]:
    """The programme items that start on the days ``first`` to ``last`` (local time), of the
    visits ``cases_between`` gives: the agenda and the weekly schedule read them with their case
    and its counterpart, in one query however many."""
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    visits = cases_visible_to(user, probe=True).exclude(status__in=Case.WITHDRAWN)
    return (
        ProgrammeItem.objects.filter(case__in=visits, start__gte=since, start__lt=until)
        .select_related("case", "case__counterpart", "case__lead_agency")
        .order_by("start", "end", "pk")
    )


# Each panel of the dashboard shows at most this many rows (its page, or the list, shows all).
DASHBOARD_ROWS = 50
# A pending police review is "due soon" within this many working days of its deadline.
REVIEW_DUE_SOON_WORKING_DAYS = 3


def dashboard_for(*, user: User, today: datetime.date | None = None) -> dict[str, list[Any]]:
    """The panels of the user's home page, each one query through the access policy, capped, and
    narrowed by status and date first (the indexes), so that none grows with the cases that exist:

    - everyone: visits in the next 30 days (for host staff, their agency's);
    - protocol: what waits on them, overdue cases, and overdue follow-ups and post-visit reports;
    - leaders: cases waiting for their approval (``approvable`` when the review lets them approve
      now), and overdue cases;
    - police: their agency's pending reviews, those due soon, those overdue, and those assigned
      to them.

    The user's own follow-ups are ``followups_for``'s."""
    today = today or timezone.localdate()
    visible = cases_visible_to(user, probe=True).select_related("lead_agency")
    roles = roles_of(user)
    upcoming = visible.filter(
        start_date__gte=today, start_date__lte=today + datetime.timedelta(days=30), status__in=Case.ACTIVE
    ).order_by("start_date")
    board: dict[str, list[Any]] = {"upcoming": list(upcoming[:DASHBOARD_ROWS])}
    # What waits and what is overdue are few cases among many: ordered by an expression that no
    # index serves, so that PostgreSQL finds them by their status (the status index) and sorts
    # them, instead of walking every case in date order for rows that are not there (at 100,000
    # cases with nothing overdue: 65 ms that way, 5 ms this way).
    by_date = (Coalesce("start_date", "end_date"), "pk")
    waiting = Q(pk__in=[])
    if Role.PROTOCOL in roles:
        # Submitted cases wait on the police; drafts come back to protocol with the police's questions.
        waiting |= Q(status=S.DRAFT, created_by=user) | Q(status__in=[S.COMPLETED, S.REPORTED])
        questioned = Review.objects.filter(case=OuterRef("pk"), status=Review.Status.MORE_INFO)
        waiting |= Q(Exists(questioned), status=S.DRAFT)
        waiting |= Q(status=S.APPROVED, start_date__lte=today)
    if Role.LEADER in roles:
        waiting |= Q(status=S.UNDER_REVIEW)
    if not roles.isdisjoint({Role.PROTOCOL, Role.LEADER}):
        last_review = Review.objects.filter(case=OuterRef("pk")).order_by("-number").values("status")[:1]
        board["waiting"] = list(
            visible.filter(waiting)
            .annotate(last_review_status=Subquery(last_review))
            .annotate(
                # the police cleared it (or a leader waived the review): a leader may approve it now
                approvable=ExpressionWrapper(
                    Q(status=S.UNDER_REVIEW, last_review_status__in=list(Review.PASSED)),
                    output_field=BooleanField(),
                )
            )
            .order_by(*by_date)[:DASHBOARD_ROWS]
        )
    if not roles.isdisjoint(PROVINCE_WIDE_ROLES):
        overdue = visible.filter(
            Q(status__in=[S.SUBMITTED, S.UNDER_REVIEW], start_date__lt=today)
            | Q(status__in=[S.APPROVED, S.IN_PROGRESS], end_date__lt=today)
        )
        board["overdue"] = list(overdue.order_by(*by_date)[:DASHBOARD_ROWS])
    if Role.PROTOCOL in roles:
        board["overdue_followups"] = list(
            FollowUp.objects.filter(of_visible_cases(user), status=FollowUp.Status.OPEN, due_date__lt=today)
            .select_related("case", "assignee_user", "assignee_agency")
            .order_by("due_date", "pk")[:DASHBOARD_ROWS]
        )
    if Role.POLICE in roles:
        board.update(_police_panels(user=user, today=today))
    return board


def _police_panels(*, user: User, today: datetime.date) -> dict[str, list[Review]]:
    """The police's panels: their agency's reviews waiting for the police, those of them due
    within a few working days, those past their due date, and the open ones assigned to the user."""
    reviews = reviews_for_police(user)
    pending = reviews.filter(status=Review.Status.PENDING).order_by("due_date", "pk")
    soon = add_working_days(today, REVIEW_DUE_SOON_WORKING_DAYS)
    return {
        "reviews_pending": list(pending[:DASHBOARD_ROWS]),
        "reviews_due_soon": list(pending.filter(due_date__gte=today, due_date__lte=soon)[:DASHBOARD_ROWS]),
        "reviews_overdue": list(pending.filter(due_date__lt=today)[:DASHBOARD_ROWS]),
        "reviews_mine": list(
            reviews.filter(assigned_to=user, status__in=Review.OPEN).order_by("due_date", "pk")[
                :DASHBOARD_ROWS
            ]
        ),
    }


def reviews_for_police(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Review]:
    """The reviews of the user's police agency, on cases the user may see."""
    if not isinstance(user, User) or Role.POLICE not in roles_of(user) or user.agency_id is None:
        return Review.objects.none()
    return Review.objects.filter(of_visible_cases(user), police_agency_id=user.agency_id).select_related(
        "case", "case__lead_agency", "assigned_to"
    )


def pending_review_count(user: AbstractBaseUser) -> int:
    return reviews_for_police(user).filter(status=Review.Status.PENDING).count()


def followups_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[FollowUp]:
    """Open follow-ups assigned to the user or their agency, on cases they may see."""
    if not isinstance(user, User):
        return FollowUp.objects.none()
    # An agency's tasks are its staff's, not its leaders' (``works_for_agency``).
    of_agency = user.agency_id is not None and works_for_agency(roles_of(user))
    mine = Q(assignee_user=user) | (Q(assignee_agency_id=user.agency_id) if of_agency else Q(pk__in=[]))
    return (
        FollowUp.objects.filter(mine, of_visible_cases(user), status=FollowUp.Status.OPEN)
        .select_related("case")
        .order_by("due_date", "pk")
    )


def people_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Person]:
    """The persons whose identity data ``user`` may see in full, hence export or correct on a
    data subject's request (ttdn.cases.identity): protocol staff and admins, anyone on a case they
    may see (or on none yet); police officers, those on a case referred to their agency."""
    from ttdn.cases.identity import IDENTITY_ROLES

    roles = roles_of(user)
    if not isinstance(user, User) or not roles:
        return Person.objects.none()
    visible = cases_visible_to(user)
    on_visible = Participant.objects.filter(person=OuterRef("pk"), case__in=visible)
    if not roles.isdisjoint(IDENTITY_ROLES):
        on_any = Participant.objects.filter(person=OuterRef("pk"))
        return Person.objects.filter(Exists(on_visible) | ~Exists(on_any))
    if Role.POLICE in roles:
        referred = CaseGroupObjectPermission.objects.filter(
            content_object=OuterRef("case_id"), permission__codename=REVIEW, group__user=user
        )
        return Person.objects.filter(Exists(on_visible.filter(Exists(referred))))
    return Person.objects.none()


def person_get_for(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> Person:
    """The person, if ``user`` may see their identity data; a 404 otherwise, as for a missing one."""
    person = (
        people_visible_to(user)
        .filter(pk=pk, anonymised_at__isnull=True)
        .select_related("organisation")
        .first()
    )
    if person is None:
        raise Http404
    return person


# What a search box offers as one types: a few matches, never the whole register.
LOOKUP_LIMIT = 20


def people_matching(*, user: AbstractBaseUser | AnonymousUser, query: str) -> list[Person]:
    """Registered persons whose name holds every word of ``query``, among ``people_visible_to``
    (identity data included: suggested to whoever may link them to a case), at most LOOKUP_LIMIT.
    Names are matched as typed (persons have no folded copy of their name) and without their
    diacritics, so that "Müller" finds "Müller" and "muller" finds "Muller"."""
    words = query.split()
    if not words:
        return []
    people = people_visible_to(user).filter(anonymised_at__isnull=True)
    for word in words:
        people = people.filter(Q(full_name__icontains=word) | Q(full_name__icontains=fold(word)))
    return list(people.select_related("organisation").order_by("full_name", "pk")[:LOOKUP_LIMIT])


def cases_matching(*, user: AbstractBaseUser | AnonymousUser, query: str) -> list[Case]:
    """Visible cases whose reference, title, counterpart or participants hold every word of
    ``query``, whatever its case and diacritics (the case list's search), latest first, at most
    LOOKUP_LIMIT."""
    words = fold(query).split()
    if not words:
        return []
    cases = cases_visible_to(user)
    for word in words:
        cases = cases.filter(search_text__contains=word)
    return list(cases.order_by("-start_date", "-pk")[:LOOKUP_LIMIT])

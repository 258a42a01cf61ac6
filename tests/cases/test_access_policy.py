"""The access policy of issue 4, checked case by case against every role and agency."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.models import GroupObjectPermission, UserObjectPermission

from tests.factories import file_report, make_agency, make_case_of_kind, make_delegation, police_clear
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.cases import kinds
from ttdn.cases.models import Case
from ttdn.cases.selectors import cases_visible_to, visible_case_count
from ttdn.cases.services.access import case_grant_access
from ttdn.cases.services.cases import case_record_decision
from ttdn.cases.services.workflow import case_transition

pytestmark = pytest.mark.django_db
S = Case.Status
REFERRED = set(S) - {S.DRAFT}  # submitting refers the case to the police
AFTER_APPROVAL = ["start", "complete", "report", "close"]


def _bring_to(case: Case, status: str, author: User, leader: User) -> Case:
    """Take a new case to ``status`` through the services (the police review included)."""
    if status == S.DRAFT:
        return case
    case = case_transition(actor=author, case=case, name="submit")
    if status == S.CANCELLED:
        return case_transition(actor=author, case=case, name="cancel", reason="x")
    if status == S.SUBMITTED:
        return case
    case = police_clear(case)  # the referral lets the police see a restricted case too
    if status == S.UNDER_REVIEW:
        return case
    if status == S.REJECTED:
        return case_transition(actor=leader, case=case, name="reject", reason="x")
    case = case_transition(actor=leader, case=case, name="approve")
    case = case_record_decision(actor=author, case=case, number="1/QĐ", date=case.start_date)
    later: list[str] = [S.APPROVED, S.IN_PROGRESS, S.COMPLETED, S.REPORTED, S.CLOSED]
    for step in AFTER_APPROVAL[: later.index(status)]:
        if step == "report":
            case = file_report(case, author)
        else:
            case = case_transition(actor=author, case=case, name=step)
    return case


@dataclass(frozen=True)
class Built:
    case: Case
    hosts: frozenset[int]  # agency ids that lead or co-host
    restricted: bool
    referred: bool
    withdrawn: bool  # cancelled or rejected: the review, and a restricted case's referral, withdrawn
    granted_users: frozenset[int]
    granted_agencies: frozenset[int]


def expected(user: User, built: Built) -> bool:
    """The policy table of issue 4, written independently of the selector."""
    roles = {Role(g) for g in user.groups.values_list("name", flat=True) if g in Role.values}
    granted = user.pk in built.granted_users or user.agency_id in built.granted_agencies
    seen = False
    if roles & {Role.PROTOCOL, Role.LEADER, Role.ADMIN}:
        seen |= granted if built.restricted else True
    if Role.AGENCY in roles:
        seen |= granted if built.restricted else user.agency_id in built.hosts
    if Role.POLICE in roles:
        # The referral of a restricted case is the officers' need to know until it is withdrawn.
        seen |= built.referred and (granted or not built.withdrawn if built.restricted else True)
    return seen


@pytest.fixture
def world(make_user):
    police = make_agency(code="ca-tinh", kind=Agency.Kind.POLICE)
    office = make_agency(code="vp-ubnd", kind=Agency.Kind.OFFICE)
    dept_a, dept_b, district = make_agency(), make_agency(), make_agency(kind=Agency.Kind.DISTRICT)
    author = make_user(Role.PROTOCOL, agency=office)
    leader = make_user(Role.LEADER, agency=office)
    users = [
        author,
        make_user(Role.PROTOCOL, agency=office),
        leader,
        make_user(Role.ADMIN, agency=office, is_staff=True),
        make_user(Role.POLICE, agency=police),
        make_user(Role.AGENCY, agency=dept_a),
        make_user(Role.AGENCY, agency=dept_b),
        make_user(Role.AGENCY, agency=district),
        make_user(agency=dept_a),  # no role at all
        make_user(Role.AGENCY, Role.POLICE, agency=police),
    ]
    cases: list[Built] = []
    host_sets = [(dept_a, []), (office, [dept_b]), (district, [dept_a, police])]
    for kind, status, restricted, (lead, co_hosts) in itertools.product(
        [k.code for k in kinds.all_kinds()], list(S), [False, True], host_sets
    ):
        case = make_case_of_kind(
            kind,
            actor=author,
            lead_agency=lead,
            co_hosts=co_hosts,
            access_level=Case.AccessLevel.RESTRICTED if restricted else Case.AccessLevel.NORMAL,
        )
        case = _bring_to(case, status, author, leader)
        granted_users, granted_agencies = {author.pk}, set()
        if restricted and lead == district:
            case_grant_access(actor=author, case=case, users=[leader], agencies=[dept_a, police])
            granted_users.add(leader.pk)
            granted_agencies |= {dept_a.pk, police.pk}
        cases.append(
            Built(
                case=case,
                hosts=frozenset({lead.pk, *(a.pk for a in co_hosts)}),
                restricted=restricted,
                referred=status in REFERRED,
                withdrawn=status in Case.WITHDRAWN,
                granted_users=frozenset(granted_users),
                granted_agencies=frozenset(granted_agencies),
            )
        )
    return users, cases


def test_each_user_lists_and_opens_exactly_what_the_policy_gives(world, client: Client) -> None:
    users, cases = world
    assert {b.case.status for b in cases} == set(S)
    for user in users:
        policy = {b.case.pk for b in cases if expected(user, b)}
        listed = set(cases_visible_to(user).values_list("pk", flat=True))
        # the unfiltered list's count (an agency's read from its grants alone)
        counted = visible_case_count(user)
        client.force_login(user)
        page = client.get(reverse("cases:list"), {"page": 1})
        paged, total = set(), 0
        if page.status_code == 200:
            paged = {c.pk for c in page.context["page"].paginator.object_list}
            total = page.context["page"].paginator.count
        opened = {b.case.pk for b in cases if client.get(b.case.get_absolute_url()).status_code == 200}

        assert listed == policy, user.username
        assert paged == policy, user.username
        assert opened == policy, user.username
        assert counted == len(policy), user.username
        assert total == len(policy) if page.status_code == 200 else not policy, user.username


def test_a_model_level_view_permission_alone_opens_no_case(make_user, protocol) -> None:
    make_delegation(actor=protocol)
    user = make_user()
    user.user_permissions.add(Permission.objects.get(codename="view_case", content_type__app_label="cases"))
    agency_user = make_user(Role.AGENCY)  # the agency role group has the model-level view_case too

    assert User.objects.get(pk=user.pk).has_perm("cases.view_case")
    assert not cases_visible_to(User.objects.get(pk=user.pk)).exists()
    assert not cases_visible_to(agency_user).exists()


def test_grants_use_the_direct_tables_not_the_generic_ones(make_user, protocol, agency_factory) -> None:
    host = agency_factory()
    case = make_delegation(actor=protocol, co_hosts=[host], access_level="restricted")
    case_grant_access(actor=protocol, case=case, users=[make_user(Role.LEADER)], agencies=[host])

    assert not UserObjectPermission.objects.exists()
    assert not GroupObjectPermission.objects.exists()
    assert case.group_grants.filter(permission__codename="view_case", group=host.group).exists()
    sql = str(cases_visible_to(protocol).query)
    assert "cases_caseuserobjectpermission" in sql and "cases_casegroupobjectpermission" in sql
    assert "guardian_" not in sql


def test_case_list_query_count_stays_flat_as_cases_and_grants_grow(
    client: Client, make_user, protocol
) -> None:
    host = make_agency()
    viewer = make_user(Role.AGENCY, agency=host)
    client.force_login(viewer)
    make_delegation(actor=protocol, co_hosts=[host])
    client.get(reverse("cases:list"))

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("cases:list"))
    for _ in range(12):
        case = make_delegation(actor=protocol, co_hosts=[host, make_agency()], access_level="restricted")
        case_grant_access(actor=protocol, case=case, users=[viewer, make_user()], agencies=[make_agency()])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("cases:list"))

    assert response.context["page"].paginator.count == 13
    assert len(many) == len(few)


def test_changing_the_hosts_moves_the_grants(make_user, protocol) -> None:
    first, second = make_agency(), make_agency()
    case = make_delegation(actor=protocol, co_hosts=[first])
    first_user, second_user = make_user(Role.AGENCY, agency=first), make_user(Role.AGENCY, agency=second)
    from ttdn.cases.services.cases import CaseData, case_update

    case_update(actor=protocol, case=case, data=CaseData(fields={}, co_host_agencies=[second]))

    assert not cases_visible_to(first_user).exists()
    assert list(cases_visible_to(second_user)) == [case]


def test_submitting_refers_the_case_to_the_police(make_user, protocol) -> None:
    police = make_agency(kind=Agency.Kind.POLICE)
    officer = make_user(Role.POLICE, agency=police)
    case = make_delegation(actor=protocol)
    assert not cases_visible_to(officer).exists()

    case_transition(actor=protocol, case=case, name="submit")

    assert list(cases_visible_to(officer)) == [case]

"""Who sees what, decided for many users at once (the reminder sweep), gives exactly what the one
selector gives each of them, on the access policy's whole matrix, in a few queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.test_access_policy import expected, world  # noqa: F401 - the matrix's fixture
from ttdn.accounts.models import User
from ttdn.accounts.roles import roles_of
from ttdn.cases.identity import identity_visible, identity_visible_to_each
from ttdn.cases.models import Case
from ttdn.cases.selectors import cases_visible_to, cases_visible_to_each

pytestmark = pytest.mark.django_db


def test_the_sets_of_every_user_are_the_selector_s_own(world, make_user) -> None:  # noqa: F811
    users, cases = world
    ids = {built.case.pk for built in cases}
    # Users who see alike are decided once: a second of each (same roles, same agency), beside
    # the leader who holds a grant of their own.
    for user in list(users):
        twin = make_user(*roles_of(user), agency=user.agency)
        users.append(twin)
    fresh = list(User.objects.filter(pk__in=[user.pk for user in users]))  # no roles read yet

    with CaptureQueriesContext(connection) as captured:
        seen = cases_visible_to_each(users=fresh, case_ids=ids)
        shown = identity_visible_to_each(users=fresh, case_ids=ids)

    for user in users:
        assert seen[user.pk] == set(cases_visible_to(user).values_list("pk", flat=True)), user.username
        assert seen[user.pk] == {b.case.pk for b in cases if expected(user, b)}, user.username
        assert shown[user.pk] == {pk for pk in ids if identity_visible(user=user, case=Case(pk=pk))}
    # The roles, the groups, the users' own grants, the cases with a column per decider, the
    # police's referrals.
    assert len(captured) <= 5


def test_the_probing_form_of_the_policy_sees_what_the_selector_sees(world) -> None:  # noqa: F811
    """The reads that narrow the cases first (dashboard, calendar, queues, notifications) probe
    each case's grants: the same policy, case for case, on the whole matrix, and for the records
    of those cases (``of_visible_cases``)."""
    from ttdn.cases.models import Review
    from ttdn.cases.selectors import of_visible_cases

    users, cases = world
    assert Review.objects.filter(case__in=[b.case for b in cases]).exists()  # referred cases among them
    for user in users:
        selector = set(cases_visible_to(user).values_list("pk", flat=True))
        probed = set(cases_visible_to(user, probe=True).values_list("pk", flat=True))
        records = set(Review.objects.filter(of_visible_cases(user)).values_list("case_id", flat=True))
        reviewed = set(Review.objects.filter(case__in=selector).values_list("case_id", flat=True))
        assert probed == selector == {b.case.pk for b in cases if expected(user, b)}, user.username
        assert records == reviewed, user.username


def test_the_identity_column_of_a_list_decides_as_the_set_does(world) -> None:  # noqa: F811
    """The API's list reads whether identity data is shown with its rows (one query less): case
    for case, every user of the matrix, it is ``identity_visible_to_each``'s decision."""
    from ttdn.cases.identity import identity_shown_column

    users, cases = world
    ids = {built.case.pk for built in cases}
    shown = identity_visible_to_each(users=users, case_ids=ids)
    for user in users:
        column = Case.objects.filter(pk__in=ids).annotate(identity_shown=identity_shown_column(user))
        assert {case.pk for case in column if case.identity_shown} == shown[user.pk], user.username
    assert any(shown.values()) and not all(shown[user.pk] == ids for user in users)

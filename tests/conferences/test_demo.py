"""The demo's conferences: each form, one being prepared with its agencies consulted (the demo
``agency`` user's own to answer, so that it sees the case), and one held with its report owed."""

from __future__ import annotations

import pytest

from conferences.models import Conference, ConsultedAgency
from ttdn.accounts.models import User
from ttdn.cases.models import Case, FollowUp
from ttdn.cases.selectors import cases_visible_to

pytestmark = pytest.mark.django_db


def test_the_demo_has_conferences_of_each_form_and_the_agency_user_sees_the_one_it_is_asked_about(
    demo_data,
) -> None:
    cases = Case.objects.filter(kind="conference")

    assert all(case.reference.startswith("HN-") for case in cases)
    assert set(Conference.objects.values_list("mode", flat=True)) == set(Conference.Mode.values)
    assert {Case.Status.SUBMITTED, Case.Status.UNDER_REVIEW, Case.Status.COMPLETED} <= set(
        cases.values_list("status", flat=True)
    )
    agency_user = User.objects.get(username="agency")
    asked = ConsultedAgency.objects.get(agency=agency_user.agency, answered_on__isnull=True)
    assert cases_visible_to(agency_user).filter(pk=asked.case_id).exists()
    assert FollowUp.objects.filter(case__in=cases, kind=FollowUp.Kind.REPORT).exists()

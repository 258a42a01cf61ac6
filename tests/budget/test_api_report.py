from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import police_officer
from ttdn.accounts.roles import Role
from ttdn.budget.report import SECTION, budget_rows
from ttdn.reports.periods import Period
from ttdn.reports.sections import sections_for

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_reads_and_writes_the_budget(budget, protocol) -> None:
    api = _api(protocol)
    url = f"/api/v1/cases/{budget.case.pk}/budget/"
    body = api.get(url).json()
    assert body["category"] == "b" and len(body["lines"]) == 6
    line = body["lines"][0]["id"]
    refused = api.patch(f"{url}lines/{line}/", {"amount": 5}, format="json")
    assert refused.status_code == 400
    assert (
        api.patch(
            f"{url}lines/{line}/", {"amount": 5, "reason": "ok", "actual": 7}, format="json"
        ).status_code
        == 200
    )
    added = api.post(f"{url}lines/", {"label": "Hall", "amount": 9, "reason": "r"}, format="json")
    assert added.status_code == 201 and len(added.json()["lines"]) == 7
    assert api.delete(f"{url}lines/{line}/", {"reason": "gone"}, format="json").status_code == 204
    again = api.post(url, {"category": "a", "guests": 2, "days": 1}, format="json")
    assert again.status_code == 200 and again.json()["guests"] == 2


def test_api_404_for_who_may_not_see_and_403_for_police_and_agency(budget, protocol, make_user) -> None:
    url = f"/api/v1/cases/{budget.case.pk}/budget/"
    assert _api(make_user(Role.AGENCY)).get(url).status_code == 404
    from ttdn.cases.services.workflow import case_submit

    case_submit(actor=protocol, case=budget.case)
    assert _api(police_officer()).get(url).status_code == 403
    assert (
        _api(police_officer()).post(url, {"category": "a", "guests": 1, "days": 1}, format="json").status_code
        == 403
    )


def test_report_section_only_for_protocol_leader_admin(budget, protocol, leader, make_user) -> None:
    assert SECTION in sections_for(protocol) and SECTION in sections_for(leader)
    assert SECTION not in sections_for(make_user(Role.AGENCY))
    assert SECTION not in sections_for(police_officer())


def test_report_rows_total_the_estimates_by_category(budget, protocol) -> None:
    from ttdn.cases.models import Case

    Case.objects.filter(pk=budget.case.pk).update(status=Case.Status.APPROVED)
    year = budget.case.start_date.year
    rows = budget_rows(protocol, Period.of_year(year))
    total = sum(line.amount for line in budget.lines.all())
    assert rows[0][0] == "b" and rows[0][1][2] == total
    assert rows[-1][1][2] == total


def test_api_budget_read_query_count_is_flat(budget, protocol, django_assert_max_num_queries) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ttdn.budget.services import budget_line_add

    api = _api(protocol)
    url = f"/api/v1/cases/{budget.case.pk}/budget/"
    api.get(url)
    with CaptureQueriesContext(connection) as few:
        api.get(url)
    for n in range(10):
        budget_line_add(actor=protocol, budget=budget, label=f"Extra {n}", amount=n, reason="r")
    with CaptureQueriesContext(connection) as many:
        api.get(url)
    assert len(many) == len(few)


def test_the_report_api_has_the_budget_table_for_a_leader_only(budget, leader, make_user) -> None:
    from ttdn.cases.models import Case

    Case.objects.filter(pk=budget.case.pk).update(status=Case.Status.APPROVED)
    year = budget.case.start_date.year
    assert "reception_budget" in _api(leader).get(f"/api/v1/reports/?year={year}").json()["sections"]
    assert "reception_budget" not in _api(make_user(Role.AGENCY)).get(
        f"/api/v1/reports/?year={year}"
    ).json().get("sections", {})


def _restricted_budget(protocol):
    from tests.factories import make_delegation
    from ttdn.budget.models import GuestCategory
    from ttdn.budget.services import budget_compute

    case = make_delegation(actor=protocol, access_level="restricted", participants=2)
    return budget_compute(actor=protocol, case=case, category=GuestCategory.objects.get(code="b"), guests=2,
                          days=2)  # fmt: skip


def test_a_leader_reading_a_restricted_cases_budget_is_logged(protocol, leader) -> None:
    from ttdn.cases.models import AccessLog
    from ttdn.cases.services.access import case_grant_access

    budget = _restricted_budget(protocol)
    case_grant_access(actor=protocol, case=budget.case, users=[leader])
    assert _api(leader).get(f"/api/v1/cases/{budget.case.pk}/budget/").status_code == 200
    logged = AccessLog.objects.filter(case=budget.case, user=leader, action=AccessLog.Action.VIEW_RESTRICTED)
    assert list(logged.values_list("detail", flat=True)) == ["api budget"]


def test_a_line_patched_is_changed_whole_or_not_at_all(budget, protocol, monkeypatch) -> None:
    from ttdn.budget import services
    from ttdn.budget.errors import BudgetError

    line = budget.lines.first()
    before = (line.amount, line.reason, line.actual)

    def refused(**kwargs):
        raise BudgetError("The spending could not be recorded.")

    monkeypatch.setattr(services, "budget_actuals_record", refused)
    response = _api(protocol).patch(
        f"/api/v1/cases/{budget.case.pk}/budget/lines/{line.pk}/",
        {"amount": 5, "reason": "negotiated price", "actual": 7},
        format="json",
    )
    assert response.status_code == 409
    line.refresh_from_db()
    assert (line.amount, line.reason, line.actual) == before


def test_the_finances_have_one_rule_for_every_reader(budget, protocol, leader, make_user) -> None:
    """The policy's rule, the report's two tables, the gifts register and its menu entry agree."""
    from django.test import Client
    from django.urls import reverse

    from ttdn.cases.policy import may_read_finances
    from ttdn.gifts.report import GIFTS_SECTION

    for user in (protocol, leader, make_user(Role.ADMIN), make_user(Role.AGENCY), police_officer()):
        allowed = may_read_finances(user=user) is None
        assert (SECTION in sections_for(user)) == allowed == (GIFTS_SECTION in sections_for(user)), user
        client = Client()
        client.force_login(user)
        assert (client.get(reverse("gifts:register")).status_code == 200) == allowed, user
        menu = client.get(reverse("home")).content.decode()
        assert (f'href="{reverse("gifts:register")}"' in menu) == allowed, user

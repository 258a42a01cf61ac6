from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as Docx
from openpyxl import load_workbook  # type: ignore[import-untyped]

from tests.factories import make_delegation, police_officer
from ttdn.accounts.roles import Role
from ttdn.budget.models import CaseBudget, GuestCategory
from ttdn.budget.services import budget_compute
from ttdn.cases.models import AccessLog

pytestmark = pytest.mark.django_db


def _urls(case, line) -> list[str]:
    return [
        reverse("budget:compute", kwargs={"pk": case.pk}),
        reverse("budget:line_add", kwargs={"pk": case.pk}),
        reverse("budget:line_edit", kwargs={"pk": case.pk, "line": line.pk}),
        reverse("budget:line_remove", kwargs={"pk": case.pk, "line": line.pk}),
        reverse("budget:actuals", kwargs={"pk": case.pk}),
        *(reverse("budget:export", kwargs={"pk": case.pk, "part": p, "fmt": f})
          for p in ("estimate", "settlement") for f in ("xlsx", "docx")),
    ]  # fmt: skip


def test_who_may_not_see_the_case_gets_a_404_on_every_url(client: Client, budget, make_user) -> None:
    client.force_login(make_user(Role.AGENCY))
    for url in _urls(budget.case, budget.lines.first()):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "amount": "1"}).status_code in (404, 405), url


def test_who_sees_the_case_but_not_the_finances_is_refused(client: Client, budget, protocol) -> None:
    case = budget.case
    host = police_officer()
    from ttdn.cases.services.workflow import case_submit

    case_submit(actor=protocol, case=case)
    client.force_login(host)
    assert client.get(case.get_absolute_url()).status_code == 200
    assert "budget:" not in client.get(case.get_absolute_url()).content.decode()
    for url in _urls(case, budget.lines.first()):
        assert client.get(url).status_code == 403, url


def test_a_leader_reads_and_exports_but_may_not_edit(client: Client, budget, leader) -> None:
    client.force_login(leader)
    page = client.get(budget.case.get_absolute_url()).content.decode()
    assert 'id="budget"' in page
    assert (
        client.get(
            reverse("budget:export", kwargs={"pk": budget.case.pk, "part": "estimate", "fmt": "xlsx"})
        ).status_code
        == 200
    )
    assert client.get(reverse("budget:compute", kwargs={"pk": budget.case.pk})).status_code == 403


def test_the_panel_shows_amounts_with_vietnamese_separators(client: Client, budget, protocol) -> None:
    client.force_login(protocol)
    page = client.get(budget.case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    meals = budget.lines.get(item__code="meals")
    assert f"{meals.amount:,}\u00a0₫".replace(",", ".") in page


def test_an_edit_without_a_reason_comes_back_with_the_error_and_saves_nothing(
    client: Client, budget, protocol
) -> None:
    client.force_login(protocol)
    line = budget.lines.first()
    url = reverse("budget:line_edit", kwargs={"pk": budget.case.pk, "line": line.pk})
    response = client.post(url, {"amount": "1.000", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    line.refresh_from_db()
    assert line.amount != 1000
    response = client.post(url, {"amount": "1.000", "reason": "Đã thống nhất"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.reason) == (1000, "Đã thống nhất")


def test_compute_page_creates_the_budget_with_the_case_defaults(client: Client, case, protocol) -> None:
    client.force_login(protocol)
    url = reverse("budget:compute", kwargs={"pk": case.pk})
    form = client.get(url).context["form"]
    assert form.initial["guests"] == 3 and form.initial["days"] == 2
    category = GuestCategory.objects.get(code="c")
    assert client.post(url, {"category": category.pk, "guests": "3", "days": "2"}).status_code == 302
    assert case.budget.lines.count() == 6


def test_actuals_formset_records_every_line(client: Client, budget, protocol) -> None:
    client.force_login(protocol)
    lines = list(budget.lines.all())
    data = {"actual-TOTAL_FORMS": str(len(lines)), "actual-INITIAL_FORMS": str(len(lines))}
    for n, line in enumerate(lines):
        data |= {f"actual-{n}-line": str(line.pk), f"actual-{n}-actual": str(100 + n), f"actual-{n}-note": ""}
    response = client.post(reverse("budget:actuals", kwargs={"pk": budget.case.pk}), data)
    assert response.status_code == 302
    assert [line.actual for line in budget.lines.all()] == [100 + n for n in range(len(lines))]


def test_exports_hold_the_lines_and_totals_and_are_logged(client: Client, budget, protocol) -> None:
    client.force_login(protocol)
    case = budget.case
    lines = list(budget.lines.all())
    total = sum(line.amount for line in lines)
    book = load_workbook(
        io.BytesIO(
            client.get(
                reverse("budget:export", kwargs={"pk": case.pk, "part": "estimate", "fmt": "xlsx"})
            ).content
        )
    )
    values = [cell.value for row in book.active.iter_rows() for cell in row]
    assert all(line.label in values for line in lines)
    assert total in values
    response = client.get(
        reverse("budget:export", kwargs={"pk": case.pk, "part": "settlement", "fmt": "docx"})
    )
    doc = Docx(io.BytesIO(response.content))
    text = "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    assert all(line.label in text for line in lines)
    assert f"{total:,}".replace(",", ".") in text
    assert "QUYẾT TOÁN" in "\n".join(p.text for p in doc.paragraphs)
    assert AccessLog.objects.filter(case=case, action=AccessLog.Action.EXPORT).count() == 2


def test_the_case_page_query_count_stays_flat_with_more_lines(
    client: Client, protocol, django_assert_max_num_queries
) -> None:
    small = make_delegation(actor=protocol, participants=1)
    budget_compute(actor=protocol, case=small, category=GuestCategory.objects.get(code="b"), guests=1, days=1)
    client.force_login(protocol)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(small.get_absolute_url())  # the session's first page reads more
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    budget = CaseBudget.objects.get(case=small)
    from ttdn.budget.services import budget_line_add

    for n in range(10):
        budget_line_add(actor=protocol, budget=budget, label=f"Extra {n}", amount=n, reason="r")
    with CaptureQueriesContext(connection) as many:
        client.get(small.get_absolute_url())
    assert len(many) == len(few)


def test_a_host_agency_that_sees_the_case_is_refused_the_budget(
    client: Client, protocol, make_user, agency_factory
) -> None:
    host = agency_factory()
    case = make_delegation(actor=protocol, co_hosts=[host], participants=2)
    budget = budget_compute(
        actor=protocol, case=case, category=GuestCategory.objects.get(code="c"), guests=2, days=2
    )
    client.force_login(make_user(Role.AGENCY, agency=host))
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert 'id="budget"' not in page.content.decode()
    for url in _urls(case, budget.lines.first()):
        assert client.get(url).status_code == 403, url
    from tests.budget.test_api_report import _api

    api = _api(make_user(Role.AGENCY, agency=host))
    assert api.get(f"/api/v1/cases/{case.pk}/budget/").status_code == 403
    assert (
        api.post(
            f"/api/v1/cases/{case.pk}/budget/lines/",
            {"label": "x", "amount": 1, "reason": "r"},
            format="json",
        ).status_code
        == 403
    )


def test_a_bad_actual_comes_back_beside_its_line_and_nothing_is_saved(
    client: Client, budget, protocol
) -> None:
    client.force_login(protocol)
    lines = list(budget.lines.all())
    data = {"actual-TOTAL_FORMS": str(len(lines)), "actual-INITIAL_FORMS": str(len(lines))}
    for n, line in enumerate(lines):
        data |= {
            f"actual-{n}-line": str(line.pk),
            f"actual-{n}-actual": "1.000" if n else "abc",
            f"actual-{n}-note": "",
        }
    response = client.post(reverse("budget:actuals", kwargs={"pk": budget.case.pk}), data)
    assert response.status_code == 400
    assert response.context["formset"].forms[0].errors["actual"]
    assert not budget.lines.filter(actual__isnull=False).exists()


def test_a_restricted_cases_budget_pages_are_on_its_history(client: Client, protocol) -> None:
    case = make_delegation(actor=protocol, access_level="restricted", participants=2)
    budget = budget_compute(actor=protocol, case=case, category=GuestCategory.objects.get(code="b"), guests=2,
                            days=2)  # fmt: skip
    client.force_login(protocol)
    pages = _urls(case, budget.lines.first())[:5]  # the form pages: each shows the budget
    for url in pages:
        assert client.get(url).status_code == 200, url
    logged = AccessLog.objects.filter(case=case, user=protocol, action=AccessLog.Action.VIEW_RESTRICTED)
    assert list(logged.values_list("detail", flat=True)) == ["budget page"] * len(pages)

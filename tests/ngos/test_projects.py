"""Aid projects: the services (validation, owed progress reports, visits linked), the pages
(list == open per role, 404s, 403s, flat query counts) and the case page's panel."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ngos.models import AidProject, Filing
from ngos.services.projects import (
    project_link_case,
    project_report_record,
    project_unlink_case,
    project_update,
)
from tests.ngos.projects_helpers import D, World, make_ngo, make_project, make_world, project_data
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import CaseEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user: Any) -> World:
    return make_world(make_user)


# Services


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"disbursed": 2_000_000_000}, "disbursed"),
        ({"end_date": D(2025, 12, 31)}, "end_date"),
        (
            {"currency": "USD", "amount_in_currency": None, "exchange_rate": Decimal(25000)},
            "amount_in_currency",
        ),
        ({"currency": "USD", "amount_in_currency": Decimal(10), "exchange_rate": None}, "exchange_rate"),
        ({"committed": None}, "committed"),
        ({"amount_in_currency": Decimal(10), "exchange_rate": Decimal(2)}, "currency"),
    ],
)
def test_a_project_that_does_not_hold_together_is_refused_and_nothing_saved(protocol, fields, field) -> None:
    ngo = make_ngo()
    with pytest.raises(ValidationError) as error:
        make_project(protocol, ngo, **fields)
    assert field in error.value.message_dict
    assert not AidProject.objects.exists()
    assert not Filing.objects.exists()


def test_aid_in_another_currency_is_committed_at_its_rate_unless_the_decision_says(protocol) -> None:
    ngo = make_ngo()
    fields = {"committed": None, "currency": "usd", "amount_in_currency": Decimal("1000.50"),
              "exchange_rate": Decimal("25400.1234")}  # fmt: skip
    project = make_project(protocol, ngo, **fields)
    assert (project.currency, project.committed) == ("USD", 25_412_823)  # 25 412 823.4617 rounded
    given = make_project(protocol, ngo, **{**fields, "committed": 25_000_000})
    assert given.committed == 25_000_000
    vnd = make_project(protocol, ngo, currency="VND")
    assert (vnd.currency, vnd.amount_in_currency) == ("", None)


def test_creating_and_updating_a_project_owes_its_progress_reports(protocol) -> None:
    ngo = make_ngo()
    proposed = make_project(protocol, ngo, status=AidProject.Status.PROPOSED)
    assert not proposed.filings.exists()  # nothing owed before it is approved

    project = project_update(actor=protocol, project=proposed, data=project_data(ngo))
    reports = list(project.filings.order_by("period_end"))
    assert [f.period_end for f in reports] == [D(2026, 6, 30), D(2026, 12, 31)]
    assert all(
        f.kind == Filing.Kind.PROJECT_PROGRESS and f.period_end and f.due_on > f.period_end for f in reports
    )

    project = project_update(actor=protocol, project=project, data=project_data(ngo, report_every_months=3))
    assert project.filings.count() == 4
    assert project.history.count() == 3


def test_only_protocol_keeps_projects(make_user) -> None:
    ngo = make_ngo()
    for role in (Role.LEADER, Role.POLICE, Role.AGENCY, Role.ADMIN):
        with pytest.raises(CaseError):
            make_project(make_user(role), ngo)
    assert not AidProject.objects.exists()


def test_linking_a_visit_says_so_on_its_timeline_and_twice_is_refused(world: World) -> None:
    assert list(world.project.cases.all()) == [world.case]
    assert CaseEvent.objects.filter(case=world.case, code="ngos.project_linked").count() == 1
    with pytest.raises(CaseError):
        project_link_case(actor=world.protocol, project=world.project, case=world.case)
    project_unlink_case(actor=world.protocol, project=world.project, case=world.case)
    assert not world.project.cases.exists()
    assert CaseEvent.objects.filter(case=world.case, code="ngos.project_unlinked").count() == 1
    with pytest.raises(CaseError):
        project_unlink_case(actor=world.protocol, project=world.project, case=world.case)


def test_a_progress_report_is_recorded_received(world: World) -> None:
    filing = world.project.filings.order_by("period_end").first()
    assert filing is not None
    recorded = project_report_record(
        actor=world.protocol, filing=filing, received_on=D(2026, 7, 10), document_number="12/BC-CARE"
    )
    assert (recorded.received_on, recorded.recorded_by, recorded.document_number) == (
        D(2026, 7, 10), world.protocol, "12/BC-CARE"
    )  # fmt: skip
    with pytest.raises(ValidationError):
        project_report_record(actor=world.protocol, filing=filing, received_on=D(2099, 1, 1))


# Pages


def _urls(world: World) -> list[str]:
    project, case = world.project, world.case
    filing = project.filings.first()
    assert filing is not None
    return [
        reverse("ngos:project_detail", kwargs={"pk": project.pk}),
        reverse("ngos:project_edit", kwargs={"pk": project.pk}),
        reverse("ngos:project_report", kwargs={"pk": project.pk, "filing_pk": filing.pk}),
        reverse("ngos:case_project_link", kwargs={"pk": case.pk}),
    ]


def test_the_list_shows_exactly_what_each_role_may_open(client: Client, world: World) -> None:
    other = make_project(world.protocol, make_ngo("Oxfam"), title="Dự án không có đoàn")
    for user, expected in (
        (world.protocol, {world.project.pk, other.pk}),
        (world.leader, {world.project.pk, other.pk}),
        (world.police, {world.project.pk, other.pk}),
        (world.host, {world.project.pk}),
        (world.outsider, set()),
    ):
        client.force_login(user)
        listed = {p.pk for p in client.get(reverse("ngos:project_list")).context["page"]}
        assert listed == expected
        for project in AidProject.objects.all():
            status = client.get(reverse("ngos:project_detail", kwargs={"pk": project.pk})).status_code
            assert status == (200 if project.pk in expected else 404)


def test_every_url_is_a_404_for_who_may_not_see_the_project(client: Client, world: World) -> None:
    client.force_login(world.outsider)
    for url in _urls(world):
        assert client.get(url).status_code == 404, url
    filing = world.project.filings.first()
    assert filing is not None
    posts = [
        reverse("ngos:project_case_link", kwargs={"pk": world.project.pk}),
        reverse("ngos:project_case_unlink", kwargs={"pk": world.project.pk, "case_pk": world.case.pk}),
    ]
    for url in posts:
        assert client.post(url, {"case": world.case.pk}).status_code == 404, url
    assert world.project.cases.count() == 1


def test_who_sees_the_project_but_may_not_keep_it_is_refused(client: Client, world: World) -> None:
    for user in (world.host, world.leader, world.police):
        client.force_login(user)
        # The police see the project, not this visit (not referred to them): its page is a 404.
        for url in _urls(world)[1:] if user != world.police else _urls(world)[1:3]:
            assert client.get(url).status_code == 403, (user, url)
        unlink = reverse(
            "ngos:project_case_unlink", kwargs={"pk": world.project.pk, "case_pk": world.case.pk}
        )
        assert client.post(unlink).status_code == 403
        assert client.get(reverse("ngos:project_create")).status_code == 403
    assert world.project.cases.count() == 1


def test_the_project_page_shows_amounts_reports_and_visits(client: Client, world: World) -> None:
    client.force_login(world.protocol)
    page = client.get(reverse("ngos:project_detail", kwargs={"pk": world.project.pk}))
    text = page.content.decode()
    assert "1.000.000.000" in text  # Vietnamese thousands separators
    assert world.case.reference in text
    today = timezone.localdate()
    expected = ["overdue" if filing.due_on < today else "due" for filing in world.project.filings.all()]
    assert [row.state for row in page.context["reports"]] == expected == sorted(expected, reverse=True)


def test_the_ngo_page_links_each_of_its_projects(client: Client, world: World) -> None:
    client.force_login(world.protocol)
    text = client.get(reverse("ngos:detail", kwargs={"pk": world.ngo.pk})).content.decode()
    assert reverse("ngos:project_detail", kwargs={"pk": world.project.pk}) in text


def _form(world: World, **fields: Any) -> dict[str, Any]:
    return {
        "ngo": world.ngo.pk, "title": "Trường học an toàn", "sector": world.project.sector.pk,
        "communes": [world.agency.pk], "status": "approved", "committed": "500000000", "disbursed": "0",
        "currency": "", "start_date": "2026-03-01", "end_date": "2027-02-28", "report_every_months": "6", **fields,
    }  # fmt: skip


def test_the_form_creates_a_project_and_returns_errors_beside_their_fields(
    client: Client, world: World
) -> None:
    client.force_login(world.protocol)
    url = reverse("ngos:project_create")
    refused = client.post(url, _form(world, disbursed="900000000"))
    assert refused.status_code == 400
    assert refused.context["form"].errors["disbursed"]
    assert AidProject.objects.count() == 1
    saved = client.post(url, _form(world))
    project = AidProject.objects.get(title="Trường học an toàn")
    assert saved["Location"] == reverse("ngos:project_detail", kwargs={"pk": project.pk})
    assert list(project.communes.all()) == [world.agency]
    assert project.filings.count() == 2


def test_protocol_links_a_visit_from_the_case_page_and_the_panel_lists_it(
    client: Client, world: World
) -> None:
    other = make_project(world.protocol, world.ngo, title="Dự án thứ hai")
    client.force_login(world.protocol)
    url = reverse("ngos:case_project_link", kwargs={"pk": world.case.pk})
    assert client.get(url).status_code == 200
    client.post(url, {"project": other.pk})
    assert set(world.case.aid_projects.all()) == {world.project, other}
    page = client.get(world.case.get_absolute_url()).content.decode()
    assert 'id="aid-projects"' in page and "Dự án thứ hai" in page
    client.force_login(world.host)  # the host sees the panel, without the link form
    page = client.get(world.case.get_absolute_url()).content.decode()
    assert 'id="aid-projects"' in page and url not in page


def test_the_panel_stays_off_a_case_without_an_ngo_or_project(client: Client, world: World) -> None:
    from tests.factories import make_delegation

    case = make_delegation(actor=world.protocol, lead_agency=world.agency)
    client.force_login(world.protocol)
    assert 'id="aid-projects"' not in client.get(case.get_absolute_url()).content.decode()


def test_the_list_s_queries_stay_flat(client: Client, world: World) -> None:
    client.force_login(world.protocol)
    url = reverse("ngos:project_list")
    client.get(url)  # the session's first request loads what later ones find cached
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        make_project(world.protocol, make_ngo(f"NGO {n}"), title=f"Dự án {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_list_filters(client: Client, world: World) -> None:
    other = make_project(world.protocol, make_ngo("Oxfam"), title="Dự án 2030", start_date=D(2030, 1, 1),
                         end_date=D(2030, 6, 30), status=AidProject.Status.PROPOSED)  # fmt: skip
    client.force_login(world.protocol)
    url = reverse("ngos:project_list")

    def listed(**query: Any) -> set[int]:
        return {p.pk for p in client.get(url, query).context["page"]}

    assert listed(year=2030) == {other.pk}
    assert listed(status="approved") == {world.project.pk}
    assert listed(ngo=world.ngo.pk) == {world.project.pk}
    assert listed(commune=world.agency.pk) == set()
    assert listed(sector=world.project.sector.pk) == {world.project.pk, other.pk}

"""The pages of report requests and contributions, for each role: what a user can list is exactly
what they can open, what they may not see is a 404, what their role may not do a 403; bad input
changes nothing and says why in Vietnamese."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_agency
from tests.reports.requests_fixtures import Q1_DECREE09, asked
from ttdn.accounts.roles import Role
from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep
from ttdn.reports.contributions.selectors import contributions_visible_to, requests_visible_to
from ttdn.reports.contributions.services import (
    RequestData,
    contribution_submit,
    request_compile,
    request_create,
    request_remind,
    request_send,
)
from ttdn.reports.models import Contribution, ContributionReminder, ReportRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(make_user, protocol):
    return asked(make_user, protocol)


def _detail(pk: int) -> str:
    return reverse("reports:request_detail", kwargs={"pk": pk})


def _contribution(pk: int) -> str:
    return reverse("reports:contribution", kwargs={"pk": pk})


def test_protocol_creates_a_decree09_request_and_bad_input_saves_nothing(client, protocol, make_user) -> None:
    agency = make_agency()
    client.force_login(protocol)
    form = {
        "title": "Báo cáo quý I",
        "year": "2026",
        "quarter": "1",
        "basis": "decree09",
        "due_on": "2026-03-10",
    }
    refused = client.post(reverse("reports:request_create"), form)
    assert refused.status_code == 400
    assert "Chọn ít nhất một cơ quan, đơn vị" in refused.content.decode()
    early = client.post(
        reverse("reports:request_create"), {**form, "agencies": [agency.pk], "due_on": "2025-01-01"}
    )
    assert early.status_code == 400
    assert "Hạn gửi báo cáo không được trước ngày bắt đầu kỳ báo cáo" in early.content.decode()
    assert not ReportRequest.objects.exists()

    created = client.post(reverse("reports:request_create"), {**form, "agencies": [agency.pk]})
    request = ReportRequest.objects.get()
    assert created.url == _detail(request.pk)
    assert (request.period_start, request.period_end) == (
        datetime.date(2025, 12, 15),
        datetime.date(2026, 3, 14),
    )
    assert request.status == ReportRequest.Status.DRAFT
    client.post(reverse("reports:request_send", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert request.status == ReportRequest.Status.SENT
    assert list(request.contributions.values_list("agency", flat=True)) == [agency.pk]


def test_each_role_lists_exactly_what_it_opens(setup, client, protocol, leader, make_user) -> None:
    stranger = make_user(Role.AGENCY, agency=make_agency())
    contributions = {c.agency_id: c for c in setup.request.contributions.all()}
    expected = {
        protocol: set(contributions),
        leader: set(contributions),
        setup.culture_staff: {setup.culture.pk},
        setup.industry_staff: {setup.industry.pk},
        setup.officer: {setup.police.pk},
        stranger: set(),
    }
    for user, agencies in expected.items():
        client.force_login(user)
        assert set(contributions_visible_to(user).values_list("agency", flat=True)) == agencies
        listed = client.get(reverse("reports:request_list"))
        assert listed.status_code == 200
        assert [r.pk for r in listed.context["page"]] == ([setup.request.pk] if agencies else [])
        assert client.get(_detail(setup.request.pk)).status_code == (200 if agencies else 404)
        for agency_id, contribution in contributions.items():
            assert client.get(_contribution(contribution.pk)).status_code == (
                200 if agency_id in agencies else 404
            )
    # A draft request is protocol staff's alone.
    setup.request.status = ReportRequest.Status.DRAFT
    setup.request.save()
    assert list(requests_visible_to(leader)) == []
    assert list(requests_visible_to(setup.culture_staff)) == []


def test_an_agency_fills_its_part_and_submits_with_a_tick(setup, client) -> None:
    contribution = setup.request.contributions.get(agency=setup.culture)
    client.force_login(setup.culture_staff)
    page = client.get(_contribution(contribution.pk))
    assert "Số liệu của cơ quan, đơn vị trong kỳ" in page.content.decode()
    assert page.context["form"] is not None

    saved = client.post(_contribution(contribution.pk), {"action": "save", "results": "Đã đón 2 đoàn."})
    assert saved.status_code == 302
    contribution.refresh_from_db()
    assert (
        contribution.results == "Đã đón 2 đoàn." and contribution.figures["period"]["start"] == "2025-12-15"
    )

    unticked = client.post(_contribution(contribution.pk), {"action": "submit", "results": "Đã đón 2 đoàn."})
    assert unticked.status_code == 400
    assert "Đánh dấu vào ô để xác nhận gửi báo cáo" in unticked.content.decode()
    empty = client.post(_contribution(contribution.pk), {"action": "submit", "results": "", "confirm": "on"})
    assert empty.status_code == 400
    assert "Nhập kết quả thực hiện trong kỳ" in empty.content.decode()
    assert Contribution.objects.get(pk=contribution.pk).status == Contribution.Status.DRAFT

    client.post(
        _contribution(contribution.pk), {"action": "submit", "results": "Đã đón 2 đoàn.", "confirm": "on"}
    )
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.SUBMITTED
    # Submitted: no longer changed, by the page or otherwise.
    assert client.get(_contribution(contribution.pk)).context["form"] is None
    assert (
        client.post(_contribution(contribution.pk), {"action": "save", "results": "Khác"}).status_code == 302
    )
    assert Contribution.objects.get(pk=contribution.pk).results == "Đã đón 2 đoàn."


def test_only_its_own_agency_writes_a_contribution(setup, client, leader, protocol) -> None:
    contribution = setup.request.contributions.get(agency=setup.culture)
    for user in (leader, protocol):
        client.force_login(user)
        assert (
            client.post(_contribution(contribution.pk), {"action": "save", "results": "x"}).status_code == 403
        )
    client.force_login(setup.industry_staff)
    assert client.post(_contribution(contribution.pk), {"action": "save", "results": "x"}).status_code == 404
    assert Contribution.objects.get(pk=contribution.pk).results == ""


def test_only_protocol_sends_reminds_and_compiles(setup, client, leader) -> None:
    for user in (leader, setup.culture_staff):
        client.force_login(user)
        for action in ("remind", "compile"):
            response = client.post(reverse(f"reports:request_{action}", kwargs={"pk": setup.request.pk}))
            assert response.status_code == 403
    assert not ContributionReminder.objects.exists()
    client.force_login(setup.culture_staff)
    assert client.get(reverse("reports:request_create")).status_code == 403


def test_remind_the_others_records_each_click_on_the_page(setup, client, protocol) -> None:
    contribution_submit(actor=setup.culture_staff, contribution=setup.request.contributions.get(agency=setup.culture),
                        texts={"results": "Xong."})  # fmt: skip
    client.force_login(protocol)
    url = reverse("reports:request_remind", kwargs={"pk": setup.request.pk})
    client.post(url)
    client.post(url)
    reminded = ContributionReminder.objects.values_list("contribution__agency", flat=True)
    assert sorted(reminded) == sorted([setup.industry.pk, setup.police.pk] * 2)
    # Two clicks, two notifications to each of the industry department's staff; none to culture's.
    assert (
        Notification.objects.filter(kind="contribution_reminded", recipient=setup.industry_staff).count() == 2
    )
    assert not Notification.objects.filter(
        kind="contribution_reminded", recipient=setup.culture_staff
    ).exists()
    page = client.get(_detail(setup.request.pk))
    assert len(page.context["reminders"]) == 4
    assert "Nhắc các cơ quan, đơn vị chưa gửi" in page.content.decode()


def test_the_sweep_reminds_the_agencies_that_have_not_submitted(setup) -> None:
    contribution_submit(actor=setup.culture_staff, contribution=setup.request.contributions.get(agency=setup.culture),
                        texts={"results": "Xong."})  # fmt: skip
    reminders_sweep(today=datetime.date(2026, 3, 6))  # due on 10 March: within 3 working days
    due = Notification.objects.filter(kind="contribution_due")
    assert set(due.values_list("recipient", flat=True)) == {setup.industry_staff.pk, setup.officer.pk}
    reminders_sweep(today=datetime.date(2026, 3, 6))
    assert due.count() == 2  # once per occasion
    reminders_sweep(today=datetime.date(2026, 3, 12))
    overdue = Notification.objects.filter(kind="contribution_overdue")
    assert setup.industry_staff.pk in set(overdue.values_list("recipient", flat=True))
    assert setup.culture_staff.pk not in set(overdue.values_list("recipient", flat=True))


def test_the_compiled_report_downloads_for_whoever_sees_the_request(
    setup, client, protocol, leader, make_user, attachment_storage
) -> None:
    request_compile(actor=protocol, request=setup.request)
    url = reverse("reports:request_download", kwargs={"pk": setup.request.pk, "file": "docx"})
    for user, status in (
        (leader, 200),
        (setup.culture_staff, 200),
        (make_user(Role.AGENCY, agency=make_agency()), 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(protocol)
    page = client.get(_detail(setup.request.pk))
    assert page.context["issue_form"] is not None
    assert ".../BC-VP" in page.content.decode()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_the_request_page_take_as_many_queries_for_many_rows(
    setup, client, protocol, make_user
) -> None:
    client.force_login(protocol)
    detail = _detail(setup.request.pk)
    _queries(client, reverse("reports:request_list"))  # the session's first reads, once
    before = (_queries(client, reverse("reports:request_list")), _queries(client, detail))
    for n in range(4):
        agency = make_agency(code=f"xa-{n}")
        make_user(Role.AGENCY, agency=agency)
        request = request_create(actor=protocol, data=RequestData(title=f"Báo cáo {n}", period=Q1_DECREE09,
                                 due_on=datetime.date(2026, 3, 10), agencies=[agency, setup.culture]))  # fmt: skip
        request_send(actor=protocol, request=request)
        Contribution.objects.create(request=setup.request, agency=agency)
    request_remind(actor=protocol, request=setup.request)
    assert (_queries(client, reverse("reports:request_list")), _queries(client, detail)) == before

"""The post-visit report: opened when the visit completes, filed by the host agency, and what
filing it does (the case is reported, commitments become follow-ups, files are kept)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_agency, make_delegation, police_clear
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Attachment, Case, FollowUp, Timer
from ttdn.cases.services.followups import followup_close
from ttdn.cases.services.post_visit import CommitmentData, report_file
from ttdn.cases.services.workflow import case_approve, case_submit, case_transition, cases_follow_calendar

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _completed(protocol, leader, *, start: datetime.date, days: int = 1, **fields) -> Case:
    case = make_delegation(actor=protocol, start=start, days=days, **fields)
    case = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=case)))
    for name in ("start", "complete"):
        case = case_transition(actor=protocol, case=case, name=name)
    return case


def _report(case: Case) -> FollowUp:
    return case.follow_ups.get(kind=FollowUp.Kind.REPORT)


def test_completing_a_visit_asks_the_lead_agency_for_its_report_in_working_days(protocol, leader) -> None:
    host = make_agency()
    # Ends Wednesday 28/04/2027: 30/04 and the observed 03/05 are holidays, so five working days
    # after the end is Friday 07/05, not Wednesday 05/05.
    case = _completed(protocol, leader, start=datetime.date(2027, 4, 27), days=2, lead_agency=host)

    report = _report(case)
    assert report.status == FollowUp.Status.OPEN
    assert report.assignee_agency == host
    assert report.due_date == datetime.date(2027, 5, 7)


def test_the_calendar_completing_a_visit_opens_its_report_too(protocol, leader) -> None:
    today = datetime.date(2026, 12, 10)
    case = make_delegation(actor=protocol, start=today - datetime.timedelta(days=3), days=2)
    case = case_approve(actor=leader, case=police_clear(case_submit(actor=protocol, case=case)))
    cases_follow_calendar(today=today)  # starts it
    cases_follow_calendar(today=today)  # and, since it ended yesterday, completes it

    case.refresh_from_db()
    assert case.status == Case.Status.COMPLETED
    assert _report(case).status == FollowUp.Status.OPEN


def test_the_host_agency_files_the_report_and_the_case_is_reported(
    make_user, protocol, leader, attachment_storage
) -> None:
    host, co_host = make_agency(), make_agency()
    case = _completed(
        protocol, leader, start=datetime.date(2026, 11, 2), lead_agency=host, co_hosts=[co_host]
    )
    host_staff = make_user(Role.AGENCY, agency=host)

    report = report_file(
        actor=host_staff,
        followup=_report(case),
        summary="Hai bên thống nhất hợp tác đào tạo.",
        outcomes="Biên bản ghi nhớ.",
        agreements_signed="MoU đào tạo nghề, 05/11/2026",
        commitments=[
            CommitmentData("Gửi chương trình đào tạo", datetime.date(2026, 12, 15), co_host),
            CommitmentData("Mời đoàn sang thăm lại", datetime.date(2027, 3, 1), host),
        ],
        uploads=[SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")],
    )

    case.refresh_from_db()
    assert case.status == Case.Status.REPORTED
    # The workflow's move, made by whoever of the hosts filed it (not a role that may by hand).
    moved = case.events.get(code="case.report")
    assert (moved.actor, moved.data) == (
        host_staff,
        {"from": "completed", "to": "reported", "report": report.pk},
    )
    assert case.events.get(code="report.filed").data["commitments"] == 2
    assert report.followup.status == FollowUp.Status.DONE
    assert report.followup.closed_by == host_staff
    tasks = case.follow_ups.filter(kind=FollowUp.Kind.TASK).order_by("due_date")
    assert [(t.title, t.assignee_agency, t.status) for t in tasks] == [
        ("Gửi chương trình đào tạo", co_host, FollowUp.Status.OPEN),
        ("Mời đoàn sang thăm lại", host, FollowUp.Status.OPEN),
    ]
    (attachment,) = case.attachments.all()
    assert attachment.kind == Attachment.Kind.REPORT
    assert attachment.uploaded_by == host_staff
    # The commitments are open, so the case cannot be closed yet.
    with pytest.raises(CaseError, match="still open"):
        case_transition(actor=protocol, case=case, name="close")


def test_a_bad_commitment_files_nothing(make_user, protocol, leader, attachment_storage) -> None:
    host = make_agency()
    case = _completed(protocol, leader, start=datetime.date(2026, 11, 2), lead_agency=host)
    stranger_agency = make_agency()

    with pytest.raises(CaseError, match="lead or a co-host"):
        report_file(
            actor=protocol,
            followup=_report(case),
            summary="Tóm tắt",
            commitments=[CommitmentData("Việc", datetime.date(2026, 12, 1), stranger_agency)],
            uploads=[SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")],
        )

    case.refresh_from_db()
    assert case.status == Case.Status.COMPLETED
    assert _report(case).status == FollowUp.Status.OPEN
    assert not case.follow_ups.filter(kind=FollowUp.Kind.TASK).exists()
    assert not case.attachments.exists()
    assert not attachment_storage.exists() or not any(p.is_file() for p in attachment_storage.rglob("*"))


def test_only_the_host_agency_or_protocol_files_the_report(make_user, protocol, leader) -> None:
    host = make_agency()
    case = _completed(protocol, leader, start=datetime.date(2026, 11, 2), lead_agency=host)
    for outsider in (make_user(Role.AGENCY), make_user(Role.LEADER), make_user(Role.POLICE)):
        with pytest.raises(CaseError, match="Only the host agency or protocol"):
            report_file(actor=outsider, followup=_report(case), summary="x")
    assert Case.objects.get(pk=case.pk).status == Case.Status.COMPLETED


def test_a_report_is_not_ticked_done_but_protocol_may_cancel_it(protocol, leader) -> None:
    case = _completed(protocol, leader, start=datetime.date(2026, 11, 2))
    report = _report(case)

    with pytest.raises(CaseError, match="filed"):
        followup_close(actor=protocol, followup=report, status="done", result="xong")
    with pytest.raises(CaseError, match="File the post-visit report first"):
        case_transition(actor=protocol, case=case, name="report")

    followup_close(actor=protocol, followup=report, status="cancelled", result="Đoàn trực tuyến")
    assert case_transition(actor=protocol, case=case, name="report").status == Case.Status.REPORTED


def test_the_report_page_files_the_report_with_its_commitments(
    client, make_user, protocol, leader, attachment_storage
) -> None:
    host = make_agency()
    case = _completed(protocol, leader, start=datetime.date(2026, 11, 2), lead_agency=host)
    staff = make_user(Role.AGENCY, agency=host)
    client.force_login(staff)
    url = reverse("cases:post_visit_report", kwargs={"pk": case.pk, "followup_pk": _report(case).pk})

    page = client.get(url)
    assert page.status_code == 200
    assert "commitments-TOTAL_FORMS" in page.content.decode()

    response = client.post(
        url,
        {
            "summary": "Đoàn làm việc hiệu quả.",
            "outcomes": "",
            "agreements_signed": "",
            "attachments": [SimpleUploadedFile("anh.pdf", PDF, content_type="application/pdf")],
            "commitments-TOTAL_FORMS": "2",
            "commitments-INITIAL_FORMS": "0",
            "commitments-0-title": "Gửi thư cảm ơn",
            "commitments-0-due_date": "01/12/2026",
            "commitments-0-assignee_agency": str(host.pk),
            "commitments-1-title": "",
            "commitments-1-due_date": "",
            "commitments-1-assignee_agency": str(host.pk),
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.REPORTED
    assert list(case.follow_ups.filter(kind=FollowUp.Kind.TASK).values_list("title", flat=True)) == [
        "Gửi thư cảm ơn"
    ]
    assert case.attachments.get().original_name == "anh.pdf"
    # Afterwards the page shows the filed report to whoever sees the case.
    client.force_login(protocol)
    assert "Đoàn làm việc hiệu quả." in client.get(url).content.decode()


def test_the_report_page_keeps_nothing_of_an_invalid_report(client, make_user, protocol, leader) -> None:
    host = make_agency()
    case = _completed(protocol, leader, start=datetime.date(2026, 11, 2), lead_agency=host)
    client.force_login(make_user(Role.AGENCY, agency=host))
    url = reverse("cases:post_visit_report", kwargs={"pk": case.pk, "followup_pk": _report(case).pk})

    response = client.post(
        url,
        {
            "summary": "",
            "commitments-TOTAL_FORMS": "1",
            "commitments-INITIAL_FORMS": "0",
            "commitments-0-title": "Gửi thư",
            "commitments-0-due_date": "32/13/2026",
            "commitments-0-assignee_agency": str(host.pk),
        },
    )

    assert response.status_code == 200
    assert "Chưa lưu gì" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.COMPLETED
    assert not case.follow_ups.filter(kind=FollowUp.Kind.TASK).exists()


def test_the_report_page_refuses_who_may_not_file_and_hides_from_who_may_not_see(
    client, make_user, protocol, leader
) -> None:
    host = make_agency()
    case = _completed(protocol, leader, start=datetime.date(2026, 11, 2), lead_agency=host)
    url = reverse("cases:post_visit_report", kwargs={"pk": case.pk, "followup_pk": _report(case).pk})

    client.force_login(make_user(Role.AGENCY))  # another agency: may not see the case at all
    assert client.get(url).status_code == 404
    assert client.post(url, {"summary": "x"}).status_code == 404

    client.force_login(leader)  # sees the case, but does not owe the report
    assert client.post(url, {"summary": "x"}).status_code == 403
    assert Case.objects.get(pk=case.pk).status == Case.Status.COMPLETED


def test_a_refused_file_is_explained_and_nothing_is_filed(
    client, protocol, leader, attachment_storage
) -> None:
    case = _completed(protocol, leader, start=datetime.date(2026, 11, 2))
    client.force_login(protocol)
    url = reverse("cases:post_visit_report", kwargs={"pk": case.pk, "followup_pk": _report(case).pk})

    response = client.post(
        url,
        {
            "summary": "Tóm tắt",
            "attachments": [
                SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
            ],
            "commitments-TOTAL_FORMS": "0",
            "commitments-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Chưa lưu gì" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.COMPLETED
    assert _report(case).status == FollowUp.Status.OPEN
    assert not case.attachments.exists()


def test_a_kind_with_its_own_report_timer_is_due_by_it(monkeypatch: pytest.MonkeyPatch, protocol) -> None:
    from ttdn.cases import kinds
    from ttdn.cases.services.post_visit import report_due_date

    Timer.objects.create(
        code="test_kind_report",
        name="Report",
        working_days=15,
        unit=Timer.Unit.DAYS,
        anchor=Timer.Anchor.AFTER_END,
    )
    case = make_delegation(actor=protocol, start=datetime.date(2026, 2, 9), days=2)
    core_due = report_due_date(case)
    monkeypatch.setitem(
        kinds._registry,
        "delegation",
        dataclasses.replace(kinds.get("delegation"), report_timer="test_kind_report"),
    )

    assert report_due_date(case) == datetime.date(2026, 2, 25)  # 15 calendar days, Tết included
    assert core_due > datetime.date(2026, 2, 20)  # the core's counts working days, after Tết

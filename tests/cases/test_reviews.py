from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ensure_police_agency, make_delegation, police_clear, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases.deadlines import add_working_days
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case, Review, SecrecyMark
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.cases import CaseData, case_update
from ttdn.cases.services.reviews import review_answer, review_assign, review_record, review_waive
from ttdn.cases.services.workflow import case_approve, case_submit
from ttdn.notifications.models import Notification

pytestmark = pytest.mark.django_db
R = Review.Status
ALL = dict.fromkeys(Review.ITEMS, True)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def submitted(protocol) -> Case:
    return case_submit(actor=protocol, case=make_delegation(actor=protocol, programme=1))


def _review(case: Case) -> Review:
    return case.reviews.order_by("-number")[0]


def test_submitting_opens_a_review_due_working_days_before_the_start(submitted: Case) -> None:
    review = _review(submitted)

    assert review.number == 1
    assert review.status == R.PENDING
    assert review.police_agency == ensure_police_agency()
    assert review.due_date == add_working_days(submitted.start_date, -2)
    assert submitted.status == Case.Status.SUBMITTED


def test_an_officer_assigns_the_review_within_the_agency(submitted: Case, make_user) -> None:
    officer = police_officer()
    colleague = make_user(Role.POLICE, agency=officer.agency)
    outsider = make_user(Role.POLICE)

    review_assign(actor=officer, review=_review(submitted), officer=colleague)

    assert _review(submitted).assigned_to == colleague
    assert Case.objects.get(pk=submitted.pk).status == Case.Status.UNDER_REVIEW
    with pytest.raises(CaseError, match="is not an officer of"):
        review_assign(actor=officer, review=_review(submitted), officer=outsider)
    with pytest.raises(CaseError, match="Only officers of"):
        review_assign(actor=outsider, review=_review(submitted), officer=outsider)


def test_more_information_sends_the_case_back_and_the_answer_resends_it(submitted: Case, protocol) -> None:
    review_record(
        actor=police_officer(),
        review=_review(submitted),
        outcome=R.MORE_INFO,
        checklist={},
        text="Ai dẫn đoàn?",
    )

    case = Case.objects.get(pk=submitted.pk)
    assert case.status == Case.Status.DRAFT
    assert _review(case).status == R.MORE_INFO
    assert Notification.objects.filter(recipient=protocol, kind="review_outcome", case=case).exists()
    with pytest.raises(CaseError, match="Answer the police's questions"):
        case_submit(actor=protocol, case=case)

    review_answer(actor=protocol, review=_review(case), answer="Ông Tanaka dẫn đoàn.")
    case = case_submit(actor=protocol, case=case)

    review = _review(case)
    assert (review.number, review.status) == (1, R.PENDING)  # the same review continues
    assert review.questions.get().answer == "Ông Tanaka dẫn đoàn."
    assert case.status == Case.Status.SUBMITTED


@pytest.mark.parametrize(
    ("outcome", "text", "message"),
    [
        (R.MORE_INFO, "", "Write the questions"),
        (R.CLEARED_WITH_CONDITIONS, "", "Write the conditions"),
        (R.NOT_CLEARED, "", "Give the reason"),
    ],
)
def test_outcomes_need_their_text(submitted: Case, outcome, text, message) -> None:
    with pytest.raises(CaseError, match=message):
        review_record(
            actor=police_officer(), review=_review(submitted), outcome=outcome, checklist=ALL, text=text
        )
    assert _review(submitted).status == R.PENDING


def test_clearing_needs_the_whole_checklist(submitted: Case) -> None:
    partial = {**ALL, "hosts_briefed": False}

    with pytest.raises(CaseError, match="checklist"):
        review_record(actor=police_officer(), review=_review(submitted), outcome=R.CLEARED, checklist=partial)


def test_cleared_with_conditions_opens_approval_and_shows_the_conditions(
    client: Client, submitted, protocol, leader
) -> None:
    case = police_clear(submitted, conditions="Không quay phim tại đồn biên phòng.")
    assert case.status == Case.Status.UNDER_REVIEW

    approved = case_approve(actor=leader, case=case)

    assert approved.status == Case.Status.APPROVED
    client.force_login(protocol)
    assert "Không quay phim tại đồn biên phòng." in client.get(case.get_absolute_url()).content.decode()
    printout = client.get(reverse("cases:programme_print", kwargs={"pk": case.pk})).content.decode()
    assert "Không quay phim tại đồn biên phòng." in printout
    assert "Place 0" in printout


def test_approval_waits_for_the_police(submitted: Case, leader) -> None:
    review_assign(actor=police_officer(), review=_review(submitted), officer=police_officer())

    with pytest.raises(CaseError, match="police review is not finished"):
        case_approve(actor=leader, case=Case.objects.get(pk=submitted.pk))


def test_not_cleared_blocks_approval_and_the_waiver(submitted: Case, leader) -> None:
    review_record(
        actor=police_officer(),
        review=_review(submitted),
        outcome=R.NOT_CLEARED,
        checklist=ALL,
        text="Khu vực cấm.",
    )
    case = Case.objects.get(pk=submitted.pk)

    with pytest.raises(CaseError, match="did not clear"):
        case_approve(actor=leader, case=case)
    with pytest.raises(CaseError, match="cannot be waived"):
        review_waive(actor=leader, case=case, reason="Họp trực tuyến")


def test_a_leader_waives_the_review_with_a_reason_and_may_approve(submitted: Case, leader, protocol) -> None:
    with pytest.raises(CaseError, match="Only a leader"):
        review_waive(actor=protocol, case=submitted, reason="Họp trực tuyến")
    with pytest.raises(CaseError, match="reason"):
        review_waive(actor=leader, case=submitted, reason=" ")

    review = review_waive(actor=leader, case=submitted, reason="Họp trực tuyến, không có tài liệu.")

    assert review.status == R.WAIVED
    assert review.waiver.waived_by == leader
    assert case_approve(actor=leader, case=Case.objects.get(pk=submitted.pk)).status == Case.Status.APPROVED


@pytest.mark.parametrize("change", ["programme", "participants", "attachment"])
def test_a_change_after_approval_reopens_the_review(
    submitted: Case, protocol, leader, attachment_storage, change
) -> None:
    case = case_approve(actor=leader, case=police_clear(submitted))
    start = case.start_date
    tz = timezone.get_current_timezone()
    if change == "attachment":
        attachment_add(
            actor=protocol, case=case, upload=SimpleUploadedFile("them.pdf", PDF), kind="programme"
        )
    else:
        from tests.factories import person_data
        from ttdn.cases.services.cases import ParticipantData, ProgrammeData

        participants = (
            [ParticipantData(person_data("New Person", "JP", "NP1"))]
            if change == "participants"
            else [
                ParticipantData(person_data(p.person.full_name, "JP", p.person.passport_number))
                for p in case.participants.select_related("person")
            ]
        )
        programme = [
            ProgrammeData(
                datetime.datetime.combine(start, datetime.time(15), tzinfo=tz),
                datetime.datetime.combine(start, datetime.time(16), tzinfo=tz),
                "Mới",
                "meeting",
            )
        ]
        if change == "participants":
            programme = [
                ProgrammeData(i.start, i.end, i.place, i.activity) for i in case.programme_items.all()
            ]
        case_update(
            actor=protocol,
            case=case,
            data=CaseData(fields={}, participants=participants, programme=programme),
        )

    case = Case.objects.get(pk=case.pk)
    assert case.status == Case.Status.UNDER_REVIEW
    assert [(r.number, r.status) for r in case.reviews.order_by("number")] == [(1, R.STALE), (2, R.PENDING)]


def test_a_change_before_approval_keeps_the_review(submitted: Case, protocol) -> None:
    case_update(actor=protocol, case=submitted, data=CaseData(fields={"title": "Tên mới"}))

    assert list(submitted.reviews.values_list("status", flat=True)) == [R.PENDING]


def test_police_officers_change_nothing_of_the_case_but_their_review(
    submitted: Case, attachment_storage
) -> None:
    officer = police_officer()
    from ttdn.cases.services.access import case_grant_access
    from ttdn.cases.services.secrecy import secrecy_mark_add
    from ttdn.cases.services.workflow import case_transition

    with pytest.raises(CaseError):
        case_update(actor=officer, case=submitted, data=CaseData(fields={"title": "x"}))
    for name in ("approve", "reject", "cancel", "submit"):
        with pytest.raises(CaseError):
            case_transition(actor=officer, case=submitted, name=name, reason="x")
    with pytest.raises(CaseError):
        attachment_add(actor=officer, case=submitted, upload=SimpleUploadedFile("a.pdf", PDF), kind="other")
    with pytest.raises(CaseError):
        secrecy_mark_add(actor=officer, case=submitted, mark=SecrecyMark(title="t", level="mat"))
    with pytest.raises(CaseError):
        case_grant_access(actor=officer, case=submitted, users=[officer])
    assert Case.objects.get(pk=submitted.pk).title == "Đoàn thử nghiệm"


def test_secrecy_marks_record_metadata_and_uploads_cannot_be_classified(
    client: Client, submitted, protocol, attachment_storage
) -> None:
    client.force_login(protocol)
    client.post(
        reverse("cases:secrecy_mark_add", kwargs={"pk": submitted.pk}),
        {
            "title": "Biên bản hội đàm",
            "level": "toi_mat",
            "register_number": "12/TM",
            "custodian": "Văn phòng UBND tỉnh",
            "protection_period": "10 năm",
        },
    )
    response = client.post(
        reverse("cases:attachment_upload", kwargs={"pk": submitted.pk}),
        {"kind": "secret", "file": SimpleUploadedFile("mat.pdf", PDF)},
        follow=True,
    )

    mark = SecrecyMark.objects.get()
    assert (mark.level, mark.register_number, mark.recorded_by) == ("toi_mat", "12/TM", protocol)
    assert not submitted.attachments.exists()
    assert 'class="field field--error' in response.content.decode()  # the kind is refused there
    assert "Biên bản hội đàm" in client.get(submitted.get_absolute_url()).content.decode()


def test_the_queue_shows_pending_due_soon_overdue_and_decided(client: Client, protocol) -> None:
    today = timezone.localdate()
    soon = case_submit(
        actor=protocol, case=make_delegation(actor=protocol, start=today + datetime.timedelta(days=4))
    )
    late = case_submit(
        actor=protocol, case=make_delegation(actor=protocol, start=today + datetime.timedelta(days=30))
    )
    Review.objects.filter(case=late).update(due_date=today - datetime.timedelta(days=1))
    done = police_clear(case_submit(actor=protocol, case=make_delegation(actor=protocol)))
    client.force_login(police_officer())

    def listed(state: str) -> set[int]:
        return {
            r.case_id for r in client.get(reverse("cases:review_queue"), {"state": state}).context["page"]
        }

    assert listed("pending") == {soon.pk, late.pk}
    assert listed("overdue") == {late.pk}
    assert soon.pk in listed("due_soon") or Review.objects.get(
        case=soon
    ).due_date > today + datetime.timedelta(days=3)
    assert listed("decided") == {done.pk}
    nav = client.get(reverse("home")).content.decode()
    assert '<span class="navcount">2</span>' in nav


def test_the_queue_and_review_pages_are_for_the_police_only(
    client: Client, submitted, protocol, make_user
) -> None:
    review = _review(submitted)
    for user in (protocol, make_user(Role.LEADER), make_user(Role.AGENCY)):
        client.force_login(user)
        assert client.get(reverse("cases:review_queue")).status_code == 403
        assert client.get(reverse("cases:review_detail", kwargs={"pk": review.pk})).status_code == 404
    client.force_login(make_user(Role.POLICE))  # police, but of another agency
    assert client.get(reverse("cases:review_detail", kwargs={"pk": review.pk})).status_code == 404


def test_the_review_page_records_the_outcome(client: Client, submitted, protocol) -> None:
    client.force_login(police_officer())
    url = reverse("cases:review_detail", kwargs={"pk": _review(submitted).pk})

    page = client.get(url).content.decode()
    response = client.post(url, {**dict.fromkeys(Review.ITEMS, "on"), "outcome": "cleared", "text": ""})

    assert "TP" in page  # the participants' passports, for the officer of a referred case
    assert response.status_code == 302
    assert _review(submitted).status == R.CLEARED
    client.force_login(protocol)
    notifications = client.get(reverse("notifications:list")).content.decode()
    assert f"Kiểm tra bảo mật lần 1 của {submitted.reference}" in notifications


@pytest.mark.parametrize(("name", "actor"), [("cancel", "protocol"), ("reject", "leader")])
def test_a_cancelled_or_rejected_case_leaves_the_police_queue(
    submitted: Case, protocol, leader, name, actor
) -> None:
    from ttdn.cases.services.workflow import case_transition

    case_transition(
        actor=protocol if actor == "protocol" else leader, case=submitted, name=name, reason="Hoãn"
    )

    assert _review(submitted).status == R.WITHDRAWN

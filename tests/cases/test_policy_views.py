"""The pages only show the policy's answers: a refused action says why and changes nothing, and
the case page shows, hides or disables each action from the abilities; templates never compare
statuses or roles themselves."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import make_delegation, make_press_visit, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases import policy
from ttdn.cases.models import Case, FollowUp, Review
from ttdn.cases.services.followups import followup_create
from ttdn.cases.services.reviews import review_record
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()


def _in(case: Case, status: str) -> Case:
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


def _vi(refusal: policy.Refusal | None) -> str:
    assert refusal is not None
    return str(refusal)


def _page(client: Client, case: Case) -> str:
    return client.get(case.get_absolute_url()).content.decode()


@pytest.fixture
def case(protocol) -> Case:
    return make_delegation(actor=protocol)


@pytest.fixture
def host_staff(make_user, case):
    return make_user(Role.AGENCY, agency=case.lead_agency)


def test_a_refused_upload_says_why_and_keeps_nothing(
    client: Client, case, protocol, attachment_storage
) -> None:
    case = _in(case, Case.Status.CANCELLED)
    client.force_login(protocol)
    with translation.override("vi"):
        reason = _vi(policy.may_upload(user=protocol, case=case))

    response = client.post(
        reverse("cases:attachment_upload", kwargs={"pk": case.pk}),
        {"file": SimpleUploadedFile("a.pdf", PDF), "kind": "request_letter"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"{case.get_absolute_url()}#attachments"
    assert reason in response.content.decode()
    assert not case.attachments.exists()


def test_a_refused_follow_up_says_why_and_adds_nothing(client: Client, case, host_staff) -> None:
    client.force_login(host_staff)
    with translation.override("vi"):
        reason = _vi(policy.may_add_followup(user=host_staff, case=case))

    response = client.post(
        reverse("cases:followup_add", kwargs={"pk": case.pk}),
        {"title": "Gửi thư", "due_date": TODAY.strftime("%d/%m/%Y"), "assignee_agency": case.lead_agency_id},
        follow=True,
    )

    assert reason in response.content.decode()
    assert not case.follow_ups.exists()


def test_a_secrecy_mark_is_refused_on_a_finished_case(client: Client, case, protocol) -> None:
    case = _in(case, Case.Status.CLOSED)
    client.force_login(protocol)
    with translation.override("vi"):
        reason = _vi(policy.may_record_secrecy_mark(user=protocol, case=case))

    response = client.post(
        reverse("cases:secrecy_mark_add", kwargs={"pk": case.pk}),
        {"title": "Công văn", "level": "mat", "register_number": "12", "custodian": "Văn thư",
         "protection_period": "10 năm"},
        follow=True,
    )  # fmt: skip

    assert reason in response.content.decode()
    assert not case.secrecy_marks.exists()


def test_a_refused_transition_says_why_and_moves_nothing(client: Client, case, protocol, leader) -> None:
    case = _in(case_submit(actor=protocol, case=case), Case.Status.UNDER_REVIEW)
    client.force_login(leader)
    with translation.override("vi"):
        reason = _vi(policy.may_transition(user=leader, case=case, name="approve"))

    response = client.post(
        reverse("cases:transition", kwargs={"pk": case.pk, "name": "approve"}), follow=True
    )

    assert reason in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Case.Status.UNDER_REVIEW


def test_editing_a_finished_case_goes_back_to_it_with_the_reason(client: Client, case, protocol) -> None:
    case = _in(case, Case.Status.CLOSED)
    client.force_login(protocol)
    with translation.override("vi"):
        reason = _vi(policy.may_edit(user=protocol, case=case))

    response = client.get(reverse("delegations:edit", kwargs={"pk": case.pk}), follow=True)

    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    assert reason in response.content.decode()


def test_the_case_page_shows_protocol_its_actions_and_hides_them_from_host_staff(
    client: Client, case, protocol, host_staff
) -> None:
    edit = reverse("delegations:edit", kwargs={"pk": case.pk})
    actions = [
        edit,
        reverse("cases:attachment_upload", kwargs={"pk": case.pk}),
        reverse("cases:followup_add", kwargs={"pk": case.pk}),
        reverse("cases:secrecy_mark_add", kwargs={"pk": case.pk}),
    ]
    client.force_login(protocol)
    page = _page(client, case)
    assert all(url in page for url in actions)

    client.force_login(host_staff)
    page = _page(client, case)
    assert not any(url in page for url in actions)
    assert "is-disabled" not in page  # not theirs to do: left out, not shown disabled
    assert reverse("cases:programme_print", kwargs={"pk": case.pk}) in page


def test_a_finished_case_shows_edit_disabled_with_the_reason(client: Client, case, protocol) -> None:
    case = _in(case, Case.Status.CLOSED)
    client.force_login(protocol)
    with translation.override("vi"):
        edit = policy.case_abilities(user=protocol, case=case)["edit"].reason
        upload = policy.case_abilities(user=protocol, case=case)["upload"].reason

    page = _page(client, case)

    assert reverse("delegations:edit", kwargs={"pk": case.pk}) not in page
    assert re.search(r'class="button is-disabled"[^>]*title="[^"]*' + re.escape(edit), page)
    assert upload in page
    assert reverse("cases:attachment_upload", kwargs={"pk": case.pk}) not in page


def test_the_waiver_and_the_answer_forms_follow_the_review(client: Client, case, protocol, leader) -> None:
    waive = reverse("cases:review_waive", kwargs={"pk": case.pk})
    answer = reverse("cases:review_answer", kwargs={"pk": case.pk})
    client.force_login(leader)
    assert waive not in _page(client, case)  # not referred yet

    case = case_submit(actor=protocol, case=case)
    assert waive in _page(client, case)
    client.force_login(protocol)
    assert waive not in _page(client, case) and answer not in _page(client, case)

    review_record(
        actor=police_officer(),
        review=case.reviews.get(),
        outcome=Review.Status.MORE_INFO,
        checklist={},
        text="Ai là trưởng đoàn?",
    )
    assert answer in _page(client, case)
    client.force_login(leader)
    assert waive not in _page(client, case)


def test_host_staff_close_their_follow_up_but_are_not_offered_to_cancel_it(
    client: Client, case, protocol, host_staff
) -> None:
    followup = followup_create(
        actor=protocol, case=case, title="Gửi thư", due_date=TODAY, assignee_agency=case.lead_agency
    )
    close = reverse("cases:followup_close", kwargs={"pk": case.pk, "followup_pk": followup.pk})

    client.force_login(host_staff)
    page = _page(client, case)
    assert close in page and 'value="done"' in page and 'value="cancelled"' not in page

    client.force_login(protocol)
    page = _page(client, case)
    assert 'value="done"' in page and 'value="cancelled"' in page


def test_the_file_report_button_is_for_who_owes_it_once_completed(
    client: Client, case, protocol, host_staff, leader
) -> None:
    report = FollowUp.objects.create(
        case=case,
        kind=FollowUp.Kind.REPORT,
        title="Báo cáo",
        due_date=TODAY + datetime.timedelta(days=5),
        assignee_agency=case.lead_agency,
        created_by=protocol,
    )
    file_button = 'class="button button--primary" href="' + reverse(
        "cases:post_visit_report", kwargs={"pk": case.pk, "followup_pk": report.pk}
    )
    client.force_login(host_staff)
    assert file_button not in _page(client, case)  # the visit is not completed yet

    case = _in(case, Case.Status.COMPLETED)
    assert file_button in _page(client, case)
    client.force_login(leader)
    assert file_button not in _page(client, case)


def test_the_coverage_form_is_protocols(client: Client, protocol, make_user) -> None:
    visit = make_press_visit(actor=protocol)
    coverage = reverse("press:coverage_add", kwargs={"pk": visit.pk})

    client.force_login(protocol)
    assert coverage in _page(client, visit)
    client.force_login(make_user(Role.AGENCY, agency=visit.lead_agency))
    assert coverage not in _page(client, visit)


def test_templates_never_compare_statuses_or_test_roles() -> None:
    """What a user may do is the policy's answer; a template shows it (``abilities``)."""
    offending = re.compile(r"\.status\s*(==|!=)|\bstatus\s+in\b|has_role")
    tags = re.compile(r"\{%-?\s*(?:if|elif)\b([^%]*)%\}")
    found = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {match.group(0)}" for match in offending.finditer(text)]
        found += [
            f"{path.name}: {match.group(0)}"
            for match in tags.finditer(text)
            # a quoted word is a name (a column called "status"), not a comparison with one
            if re.search(
                r"\b(status|role|roles|user_roles|is_staff|is_superuser|groups)\b",
                re.sub(r"\"[^\"]*\"|'[^']*'", "", match.group(1)),
            )
        ]
    assert found == []

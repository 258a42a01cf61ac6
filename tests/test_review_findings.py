"""Problems a review found, each with the test that keeps it fixed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import make_delegation, police_clear
from ttdn.accounts.roles import Role
from ttdn.cases.models import Attachment, Case, Review
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.cases import CaseData, case_update
from ttdn.cases.services.reviews import review_record
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_history_pages_never_restore_an_old_version(client: Client, make_user, protocol) -> None:
    from tests.factories import police_officer

    case = case_submit(actor=protocol, case=make_delegation(actor=protocol))
    review = case.reviews.get()
    review_record(
        actor=police_officer(), review=review, outcome="not_cleared", checklist={}, text="Khu vực cấm"
    )
    first = review.history.earliest("history_date")
    client.force_login(make_user(Role.ADMIN, is_staff=True))

    response = client.post(
        reverse("admin:cases_review_simple_history", args=[review.pk, first.history_id]), {}
    )

    assert response.status_code == 403
    assert Review.objects.get(pk=review.pk).status == "not_cleared"


def test_person_history_is_for_those_who_may_see_identity_data(client: Client, make_user, protocol) -> None:
    from django.contrib.auth.models import Permission

    case = make_delegation(actor=protocol, participants=1)
    person = case.participants.get().person
    leader = make_user(Role.LEADER, is_staff=True)
    leader.user_permissions.add(*Permission.objects.filter(codename="view_person"))
    client.force_login(leader)

    assert client.get(reverse("admin:cases_person_history", args=[person.pk])).status_code == 403


def test_the_case_admin_changes_no_case_field(client: Client, make_user, protocol) -> None:
    case = make_delegation(actor=protocol, participants=1)
    admin_user = make_user(Role.ADMIN, is_staff=True)
    client.force_login(admin_user)
    data = {"title": "Đổi tên", "need_to_know_users": [], "need_to_know_agencies": []}
    for prefix in ("participants", "programme_items", "attachments"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    client.post(reverse("admin:cases_case_change", args=[case.pk]), data)

    assert Case.objects.get(pk=case.pk).title == "Đoàn thử nghiệm"


def test_a_change_after_the_police_cleared_is_reviewed_again(protocol) -> None:
    case = police_clear(case_submit(actor=protocol, case=make_delegation(actor=protocol, participants=1)))
    assert case.status == Case.Status.UNDER_REVIEW

    case_update(actor=protocol, case=case, data=CaseData(fields={}, participants=[]))

    assert list(case.reviews.order_by("number").values_list("status", flat=True)) == ["stale", "pending"]


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2025-13", "x"])
def test_the_calendar_survives_any_month(client: Client, protocol, month) -> None:
    client.force_login(protocol)

    assert client.get(reverse("cases:calendar"), {"month": month}).status_code == 200


def test_a_missing_file_is_a_404(client: Client, protocol, attachment_storage) -> None:
    case = make_delegation(actor=protocol)
    attachment = attachment_add(
        actor=protocol, case=case, upload=SimpleUploadedFile("a.pdf", PDF), kind="other"
    )
    attachment.file.delete(save=False)
    client.force_login(protocol)

    response = client.get(
        reverse("cases:attachment_download", kwargs={"pk": case.pk, "attachment_pk": attachment.pk})
    )

    assert response.status_code == 404


def test_a_non_numeric_id_in_an_admin_history_url_is_a_404(client: Client, make_user) -> None:
    client.force_login(make_user(Role.ADMIN, is_staff=True))

    assert client.get("/admin/cases/case/abc/history/").status_code == 404


def test_a_failed_upload_leaves_no_file(protocol, attachment_storage, monkeypatch) -> None:
    from ttdn.cases.services import attachments

    case = make_delegation(actor=protocol)

    def fail(**kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(attachments, "review_after_change", fail)
    with pytest.raises(RuntimeError):
        attachment_add(actor=protocol, case=case, upload=SimpleUploadedFile("a.pdf", PDF), kind="other")

    assert not Attachment.objects.exists()
    assert not any(attachment_storage.rglob("*.pdf"))

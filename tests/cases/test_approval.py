"""Approving records the approving document: number, date and signer."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_delegation, police_clear
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case
from ttdn.cases.services.workflow import Decision, case_approve, case_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleared(protocol) -> Case:
    return police_clear(case_submit(actor=protocol, case=make_delegation(actor=protocol)))


@pytest.fixture
def chair(make_user):
    return make_user(Role.LEADER, full_name="Phạm Quốc Bảo", position="Phó Chủ tịch UBND tỉnh")


def _url(case: Case, name: str = "approve") -> str:
    return reverse("cases:transition", kwargs={"pk": case.pk, "name": name})


def test_approving_without_details_records_today_and_the_leader_as_signer(cleared: Case, chair) -> None:
    case = case_approve(actor=chair, case=cleared)

    assert (case.status, case.decision_number, case.decision_date, case.decision_signer) == (
        Case.Status.APPROVED, "", timezone.localdate(), "Phạm Quốc Bảo, Phó Chủ tịch UBND tỉnh"
    )  # fmt: skip


def test_the_case_page_approve_asks_for_the_document_then_records_it(
    client: Client, cleared: Case, chair
) -> None:
    client.force_login(chair)

    form_page = client.post(_url(cleared))

    assert form_page.status_code == 200
    assert 'value="Phạm Quốc Bảo, Phó Chủ tịch UBND tỉnh"' in form_page.content.decode()
    cleared.refresh_from_db()
    assert cleared.status == Case.Status.UNDER_REVIEW  # nothing yet
    response = client.post(
        _url(cleared),
        {
            "decision_number": "125/QĐ-UBND",
            "decision_date": "03/03/2026",
            "decision_signer": "Nguyễn Văn An, Chủ tịch",
        },
    )
    assert response.status_code == 302 and response["Location"] == cleared.get_absolute_url()
    case = Case.objects.get(pk=cleared.pk)
    assert (case.status, case.decision_number, case.decision_date, case.decision_signer) == (
        Case.Status.APPROVED, "125/QĐ-UBND", datetime.date(2026, 3, 3), "Nguyễn Văn An, Chủ tịch"
    )  # fmt: skip
    page = client.get(case.get_absolute_url()).content.decode()
    assert "<dt>Người ký</dt>" in page and "Nguyễn Văn An, Chủ tịch" in page
    history = client.get(reverse("cases:history", kwargs={"pk": case.pk})).content.decode()
    assert "125/QĐ-UBND" in history and "Nguyễn Văn An, Chủ tịch" in history


def test_approving_from_the_dashboard_is_one_click_and_comes_back(
    client: Client, cleared: Case, chair
) -> None:
    client.force_login(chair)
    page = client.get(reverse("home")).content.decode()
    assert _url(cleared) in page

    response = client.post(
        _url(cleared),
        {"decision_number": "", "decision_date": timezone.localdate().strftime("%d/%m/%Y"),
         "decision_signer": "Phạm Quốc Bảo, Phó Chủ tịch UBND tỉnh", "return_to": "dashboard"},
    )  # fmt: skip

    assert response.status_code == 302 and response["Location"] == reverse("home")
    case = Case.objects.get(pk=cleared.pk)
    assert case.status == Case.Status.APPROVED and case.decision_signer.startswith("Phạm Quốc Bảo")
    assert _url(cleared) not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"decision_date": "31/02/2026", "decision_signer": "A"}, "ngày"),
        ({"decision_date": "", "decision_signer": "A"}, "Nhập ngày ký quyết định."),
        ({"decision_date": "01/03/2026", "decision_signer": "  "}, "Nhập người ký quyết định."),
        ({"decision_date": "01/03/2026", "decision_signer": "A", "decision_number": "9" * 65}, "64"),
    ],
)
def test_bad_approval_details_are_refused_and_change_nothing(
    client: Client, cleared: Case, chair, data: dict, error: str
) -> None:
    client.force_login(chair)

    response = client.post(_url(cleared), data)

    assert response.status_code == 400
    assert error in response.content.decode()
    case = Case.objects.get(pk=cleared.pk)
    assert (case.status, case.decision_date, case.decision_signer) == (Case.Status.UNDER_REVIEW, None, "")


def test_only_a_leader_approves_and_a_case_out_of_sight_is_missing(
    client: Client, cleared: Case, protocol, make_user
) -> None:
    data = {"decision_date": "01/03/2026", "decision_signer": "Giả mạo"}
    client.force_login(protocol)
    client.post(_url(cleared), data)
    assert Case.objects.get(pk=cleared.pk).status == Case.Status.UNDER_REVIEW

    client.force_login(make_user(Role.AGENCY))  # not a host of the case: it does not exist for them
    assert client.post(_url(cleared), data).status_code == 404
    assert client.post(_url(cleared)).status_code == 404
    assert Case.objects.get(pk=cleared.pk).decision_signer == ""


def test_a_decision_goes_with_approval_only(cleared: Case, chair, protocol) -> None:
    with pytest.raises(ValueError, match="records no decision"):
        from ttdn.cases.services.workflow import case_transition

        case_transition(
            actor=chair, case=cleared, name="reject", reason="x",
            decision=Decision(number="", date=timezone.localdate(), signer="A"),
        )  # fmt: skip

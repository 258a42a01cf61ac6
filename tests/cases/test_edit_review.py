"""Issue 15, defect 2: the edit page says which changes send an approved case back to the police,
and saves them only once confirmed (both kinds share the core's edit view)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.factories import make_delegation, make_press_visit, police_clear
from ttdn.cases.forms import CaseEditor
from ttdn.cases.models import Case, Review
from ttdn.cases.services.workflow import case_approve, case_submit

pytestmark = pytest.mark.django_db
NOTE = "Mang theo máy quay"


def posted(editor: CaseEditor) -> dict[str, Any]:
    """What a browser posts back for the edit page as it was shown (nothing changed)."""
    data: dict[str, Any] = {}
    formsets = [editor.participants, editor.programme]
    for form in [
        editor.form,
        *(fs.management_form for fs in formsets),
        *(f for fs in formsets for f in fs.forms),
    ]:
        for field in form:
            value = field.value()
            if isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
                continue
            if value is None:
                continue
            shown = field.field.widget.format_value(value)
            if shown is None:
                shown = ""
            if isinstance(shown, list) and not getattr(field.field.widget, "allow_multiple_selected", False):
                shown = shown[0] if shown else ""
            data[field.html_name] = shown
    return data


@pytest.fixture(params=["delegation", "press"])
def approved(request, protocol, leader) -> Case:
    if request.param == "delegation":
        case = make_delegation(actor=protocol, programme=1)
    else:
        case = make_press_visit(actor=protocol)
    case = case_submit(actor=protocol, case=case)
    return case_approve(actor=leader, case=police_clear(case))


def _edit_url(case: Case) -> str:
    return reverse("delegations:edit" if case.kind == "delegation" else "press:edit", kwargs={"pk": case.pk})


def _with_changed_note(client: Client, case: Case) -> tuple[str, dict[str, Any]]:
    """The edit page's data with a note added to the first programme item (or a first item)."""
    url = _edit_url(case)
    data = posted(client.get(url).context["editor"])
    if not case.programme_items.exists():  # the press visit's factory has no programme: add one
        day = case.start_date.strftime("%d/%m/%Y")
        data.update({"programme-0-start": f"{day} 08:00", "programme-0-end": f"{day} 10:00",
                     "programme-0-place": "Ruộng bậc thang", "programme-0-activity": "filming"})  # fmt: skip
    data["programme-0-notes"] = NOTE
    return url, data


def test_the_page_says_what_sends_the_case_back_before_saving(
    client: Client, approved: Case, protocol
) -> None:
    client.force_login(protocol)

    page = client.get(_edit_url(approved))

    assert "chương trình làm việc" in page.context["review_scope"]
    assert 'id="review-scope"' in page.content.decode()


def test_an_unconfirmed_covered_change_changes_nothing_and_warns(
    client: Client, approved: Case, protocol
) -> None:
    client.force_login(protocol)
    url, data = _with_changed_note(client, approved)

    response = client.post(url, data)

    assert response.status_code == 400
    assert response.context["review_changes"] == ["chương trình làm việc"]
    html = response.content.decode()
    assert 'id="review-warning"' in html and 'name="confirm_review"' in html
    assert NOTE in html  # what was typed is kept
    case = Case.objects.get(pk=approved.pk)
    assert case.status == Case.Status.APPROVED
    assert not case.programme_items.filter(notes=NOTE).exists()
    assert list(case.reviews.values_list("status", flat=True)) == [Review.Status.CLEARED]


def test_a_confirmed_covered_change_is_saved_and_the_message_says_why(
    client: Client, approved: Case, protocol
) -> None:
    client.force_login(protocol)
    url, data = _with_changed_note(client, approved)

    response = client.post(url, {**data, "confirm_review": "on"})

    assert response.status_code == 302
    case = Case.objects.get(pk=approved.pk)
    assert case.status == Case.Status.UNDER_REVIEW
    assert case.programme_items.filter(notes=NOTE).exists()
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == (
        f"Đã lưu hồ sơ {case.reference}. Hồ sơ đã được gửi lại Công an để kiểm tra bảo mật vì bạn đã "
        "thay đổi: chương trình làm việc."
    )


def test_a_change_the_review_did_not_cover_saves_without_asking(
    client: Client, approved: Case, protocol
) -> None:
    client.force_login(protocol)
    url = _edit_url(approved)
    data = posted(client.get(url).context["editor"])

    response = client.post(url, {**data, "notes": "Ghi chú nội bộ của Văn phòng"})

    assert response.status_code == 302
    case = Case.objects.get(pk=approved.pk)
    assert (case.status, case.notes) == (Case.Status.APPROVED, "Ghi chú nội bộ của Văn phòng")
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Công an" not in message

"""The case form's participant rows: a registered person picked from the suggestions is linked
(by id, through the access policy) instead of registered again."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.delegations.test_views import _form
from tests.factories import make_delegation, person_data
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, Person
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update

pytestmark = pytest.mark.django_db


def _registered(protocol, *, access_level: str = Case.AccessLevel.NORMAL, passport: str = "") -> Person:
    """A person without a passport (whom nothing but their id can match) on an earlier case."""
    case = make_delegation(actor=protocol, participants=0, access_level=access_level)
    row = ParticipantData(person_data("Aiko Sato", "JP", passport, position="Interpreter"))
    case_update(actor=protocol, case=case, data=CaseData(fields={}, participants=[row]))
    return case.participants.get().person


def _picked(protocol, picked: Person, **row: Any) -> dict[str, Any]:
    """The create form, its second row filled by picking ``picked`` (what static/js/inputs.js sets)."""
    values = {"full_name": "Aiko Sato", "nationality": "JP", "person": str(picked.pk), "sex": "unspecified",
              "passport_number": "", "position": "Senior interpreter", "role": "interpreter", **row}  # fmt: skip
    return _form(protocol, **{f"participants-1-{name}": value for name, value in values.items()})


def test_a_person_picked_from_the_suggestions_takes_part_instead_of_a_new_one(
    client: Client, protocol
) -> None:
    person = _registered(protocol)
    client.force_login(protocol)

    response = client.post(reverse("delegations:create"), _picked(protocol, person))

    assert response.status_code == 302
    case = Case.objects.latest("pk")
    assert list(case.participants.values_list("person_id", "role")) == [
        (case.participants.get(role="head").person_id, "head"),
        (person.pk, "interpreter"),
    ]
    assert Person.objects.filter(full_name="Aiko Sato").count() == 1
    person.refresh_from_db()
    assert person.position == "Senior interpreter"  # brought up to date


def test_without_the_pick_the_same_name_is_another_person(client: Client, protocol) -> None:
    person = _registered(protocol)
    client.force_login(protocol)
    assert client.post(reverse("delegations:create"), _picked(protocol, person, person="")).status_code == 302
    assert Person.objects.filter(full_name="Aiko Sato").count() == 2


@pytest.mark.parametrize("pk", ["other", "missing"])
def test_a_person_the_user_may_not_see_cannot_be_picked(client: Client, protocol, make_user, pk: str) -> None:
    person = _registered(protocol, access_level=Case.AccessLevel.RESTRICTED)
    other = make_user(Role.PROTOCOL, agency=protocol.agency)  # no need to know of that case
    client.force_login(other)
    cases = Case.objects.count()

    response = client.post(
        reverse("delegations:create"),
        _picked(other, person, person=str(person.pk if pk == "other" else 99999)),
    )

    assert response.status_code == 400
    assert "Người đã chọn không có trong danh sách" in response.content.decode()
    assert Case.objects.count() == cases
    person.refresh_from_db()
    assert person.position == "Interpreter"


def test_a_picked_person_with_another_passport_typed_is_refused(client: Client, protocol) -> None:
    person = _registered(protocol, passport="JP1234567")
    client.force_login(protocol)
    cases = Case.objects.count()

    response = client.post(
        reverse("delegations:create"), _picked(protocol, person, passport_number="JP7654321")
    )

    assert response.status_code == 400
    assert "Aiko Sato đã đăng ký với hộ chiếu khác" in response.content.decode()
    assert Case.objects.count() == cases


def test_an_editor_without_foreign_participants_ignores_them_and_keeps_the_case_s(protocol) -> None:
    """``CaseKind.foreign_participants = False``: the editor has no participants to validate and
    gives none to save (``None``: the case's stay as they are), whatever the post holds."""
    from ttdn.cases.forms import CaseEditor

    case = make_delegation(actor=protocol, participants=1)
    data = {key: value for key, value in _form(protocol).items() if not key.startswith("participants-")}

    editor = CaseEditor(data, case=case, user=protocol, foreign_participants=False)

    assert editor.is_valid(), editor.form.errors
    assert editor.case_data().participants is None and editor.warnings == []
    assert CaseEditor(data, case=case, user=protocol).is_valid() is False  # the management form is missing

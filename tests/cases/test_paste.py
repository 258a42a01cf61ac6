"""Names pasted into a case's participants: read line by line, and made rows by the form's server
path (what happens without the page's script)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.delegations.test_views import _form
from ttdn.cases.models import Case, Person
from ttdn.cases.paste import PastedPerson, parse_pasted

START = timezone.localdate() + datetime.timedelta(days=14)


def test_a_line_is_a_name_or_name_country_position_by_semicolons_or_tabs() -> None:
    text = "Olivier  Brochet\n\nClaire Martin; Pháp ; Consul\nJohn Smith\tGB\tJournalist\r\nAiko Sato;japan\n"
    assert parse_pasted(text) == [
        PastedPerson("Olivier Brochet"),
        PastedPerson("Claire Martin", "FR", "Consul"),
        PastedPerson("John Smith", "GB", "Journalist"),
        PastedPerson("Aiko Sato", "JP"),
    ]
    assert parse_pasted("Ngo Thi Lan; Viet Nam; Phien dich") == [
        PastedPerson("Ngo Thi Lan", "VN", "Phien dich")
    ]


def test_every_line_refused_is_said_by_its_number_and_nothing_is_taken() -> None:
    with pytest.raises(ValidationError) as error:
        parse_pasted("Good Name; FR\nBad Name; Narnia\n; FR\na;b;c;d\n" + "x" * 300)
    assert error.value.messages == [
        "Line 2: “Narnia” is not a country we know.",
        "Line 3: the name is missing.",
        "Line 4: at most three parts (name; country; position).",
        "Line 5 is too long.",
    ]
    with pytest.raises(ValidationError, match="At most 200 names"):
        parse_pasted("\n".join(f"Name {n}" for n in range(201)))


pytestmark = pytest.mark.django_db


@pytest.fixture
def protocol_client(client: Client, protocol) -> Client:
    client.force_login(protocol)
    return client


def _pasted(protocol, text: str, **more: Any) -> dict[str, Any]:
    return _form(protocol, **{"participants-paste": text, **more})


def test_add_to_the_participants_without_script_shows_the_names_as_rows_and_saves_nothing(
    protocol_client: Client, protocol
) -> None:
    url = reverse("delegations:create")
    response = protocol_client.post(
        url, _pasted(protocol, "Aiko Sato; Nhật Bản; Interpreter\nKenji Ito\tJP\nMaria Rossi", paste_add="1")
    )

    assert response.status_code == 200
    page = response.content.decode()
    # After the two typed rows: rows 2 to 4, filled, with a new row's defaults.
    assert 'name="participants-TOTAL_FORMS" value="5"' in page
    assert 'name="participants-2-full_name" value="Aiko Sato"' in page
    assert 'name="participants-2-position" value="Interpreter"' in page
    assert 'name="participants-3-full_name" value="Kenji Ito"' in page
    assert 'name="participants-4-full_name" value="Maria Rossi"' in page
    assert '<option value="JP" selected>' in page
    assert not Case.objects.exists()
    assert not Person.objects.exists()


def test_names_pasted_then_saved_become_participants_of_the_case(protocol_client: Client, protocol) -> None:
    response = protocol_client.post(
        reverse("delegations:create"), _pasted(protocol, "Aiko Sato; JP; Interpreter\nKenji Ito\tJapan")
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert [
        (p.person.full_name, p.person.nationality.code, p.person.position, p.role)
        for p in case.participants.order_by("order")
    ] == [
        ("Olivier Brochet", "FR", "", "head"),
        ("Claire Martin", "FR", "", "member"),
        ("Aiko Sato", "JP", "Interpreter", "member"),
        ("Kenji Ito", "JP", "", "member"),
    ]


def test_a_pasted_list_with_a_bad_line_saves_nothing_and_says_which_line(
    protocol_client: Client, protocol
) -> None:
    for extra in [{}, {"paste_add": "1"}]:
        response = protocol_client.post(
            reverse("delegations:create"), _pasted(protocol, "Aiko Sato; JP\nKenji Ito; Atlantis", **extra)
        )
        assert response.status_code == 400 if not extra else 200
        page = response.content.decode()
        assert "Dòng 2: “Atlantis” không phải là một quốc gia" in page
        assert "Kenji Ito; Atlantis" in page  # kept, to be corrected
        assert not Case.objects.exists()


def test_a_pasted_name_without_its_country_must_be_completed_before_saving(
    protocol_client: Client, protocol
) -> None:
    response = protocol_client.post(reverse("delegations:create"), _pasted(protocol, "Maria Rossi"))
    assert response.status_code == 400
    assert 'name="participants-2-full_name" value="Maria Rossi"' in response.content.decode()
    assert not Case.objects.exists()

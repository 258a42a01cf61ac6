"""Issue 15, defect 5: every page that shows a restricted case logs the read, as the case page does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_delegation, make_press_visit, police_officer
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases.models import AccessLog, Case
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(protocol: User) -> Case:
    """A restricted delegation referred to the police, with a participant of its own."""
    case = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED, programme=1)
    return case_submit(actor=protocol, case=case)


def _programme(case: Case) -> str:
    return reverse("cases:programme_print", kwargs={"pk": case.pk})


def _edit(case: Case) -> str:
    return reverse("delegations:edit", kwargs={"pk": case.pk})


def _review(case: Case) -> str:
    return reverse("cases:review_detail", kwargs={"pk": case.reviews.get().pk})


def _person(case: Case) -> str:
    return reverse("cases:person_correct", kwargs={"pk": case.participants.get().person_id})


# page -> who may read it (protocol staff on the need-to-know list; the police for the review)
PAGES: dict[str, tuple[Callable[[Case], str], str]] = {
    "programme print-out": (_programme, "protocol"),
    "edit page": (_edit, "protocol"),
    "review page": (_review, "police"),
    "person page": (_person, "protocol"),
}


def _logged(case: Case) -> list[tuple[int, str]]:
    return list(
        AccessLog.objects.filter(case=case, action=AccessLog.Action.VIEW_RESTRICTED).values_list(
            "user", "detail"
        )
    )


@pytest.mark.parametrize("page", list(PAGES))
def test_a_read_by_who_may_see_the_case_is_logged_once(
    client: Client, restricted: Case, protocol: User, page
) -> None:
    url, reader = PAGES[page]
    user = protocol if reader == "protocol" else police_officer()
    client.force_login(user)

    assert client.get(url(restricted)).status_code == 200

    assert _logged(restricted) == [(user.pk, page)]


@pytest.mark.parametrize("page", list(PAGES))
def test_who_may_not_see_the_case_gets_a_404_and_no_entry(
    client: Client, restricted: Case, make_user, page
) -> None:
    url, reader = PAGES[page]
    # of the same role, but not on the need-to-know list (a police officer of another agency)
    client.force_login(make_user(Role.PROTOCOL) if reader == "protocol" else make_user(Role.POLICE))

    assert client.get(url(restricted)).status_code == 404

    assert _logged(restricted) == []


def test_a_normal_case_is_not_logged(client: Client, protocol: User) -> None:
    case = make_delegation(actor=protocol, programme=1)
    client.force_login(protocol)

    for url in (_programme(case), _edit(case), _person(case)):
        assert client.get(url).status_code == 200
    assert not AccessLog.objects.exists()


def test_the_press_visits_edit_page_is_logged_too(client: Client, protocol: User) -> None:
    case = make_press_visit(actor=protocol, access_level=Case.AccessLevel.RESTRICTED)
    client.force_login(protocol)

    assert client.get(reverse("press:edit", kwargs={"pk": case.pk})).status_code == 200

    assert _logged(case) == [(protocol.pk, "edit page")]

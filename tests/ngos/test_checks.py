"""The certificate checks of a visit whose counterpart is a foreign NGO: what they say, and where the
user reads it (the case page, the police's review page, the messages after a save or a submit)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ngos.checks import certificate_warnings, covers_province
from ngos.models import Certificate, Ngo
from tests.delegations.test_views import _form
from tests.factories import make_delegation, make_outbound_trip, police_officer
from ttdn.accounts.models import User
from ttdn.cases.models import Case, Organisation
from ttdn.cases.services.workflow import case_submit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START = TODAY + datetime.timedelta(days=10)
END = START + datetime.timedelta(days=1)  # the factory's visits last two days
YEAR = datetime.timedelta(days=365)


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def ngo(db: None) -> Ngo:
    return Ngo.objects.create(organisation=Organisation.objects.create(name="CARE", kind="ngo", country="US"))


def _certificate(ngo: Ngo, **fields: Any) -> Certificate:
    values: dict[str, Any] = {
        "kind": "operation", "event": "issued", "number": "123/GĐK-BNG", "issued_on": TODAY - YEAR,
        "valid_until": TODAY + 2 * YEAR, "provinces": f"Tỉnh {settings.TTDN_PROVINCE_NAME}\nHà Giang",
        **fields,
    }  # fmt: skip
    return Certificate.objects.create(ngo=ngo, **values)


# The four states a certificate check warns of: what the registry holds, and what the warning says.
STATES: dict[str, tuple[dict[str, Any], list[str]]] = {
    "none": ({}, ["CARE has no certificate on record in the registry of foreign NGOs."]),
    "expired": (
        {"valid_until": TODAY - datetime.timedelta(days=1)},
        [
            f"The certificate no. 123/GĐK-BNG of CARE (issued on {_d(TODAY - YEAR)}) expired on "
            f"{_d(TODAY - datetime.timedelta(days=1))}."
        ],
    ),
    "ends_early": (
        {"valid_until": START},
        [
            f"The certificate no. 123/GĐK-BNG of CARE (issued on {_d(TODAY - YEAR)}) is valid until {_d(START)}, "
            f"before the visit ends on {_d(END)}."
        ],
    ),
    "elsewhere": (
        {"provinces": "Hà Giang\nCao Bằng"},
        [
            f"The certificate no. 123/GĐK-BNG of CARE (issued on {_d(TODAY - YEAR)}, valid until "
            f"{_d(TODAY + 2 * YEAR)}) does not cover {settings.TTDN_PROVINCE_NAME}."
        ],
    ),
}


@pytest.fixture(params=list(STATES))
def state(request: pytest.FixtureRequest, ngo: Ngo) -> list[str]:
    fields, expected = STATES[request.param]
    if request.param != "none":
        _certificate(ngo, **fields)
    return expected


def _visit(protocol: User, ngo: Ngo, **fields: Any) -> Case:
    return make_delegation(actor=protocol, start=START, counterpart=ngo.organisation, **fields)


def test_each_state_of_the_certificate_is_said(protocol: User, ngo: Ngo, state: list[str]) -> None:
    assert certificate_warnings(_visit(protocol, ngo)) == state


def test_a_valid_covering_certificate_says_nothing(protocol: User, ngo: Ngo) -> None:
    _certificate(ngo)
    assert certificate_warnings(_visit(protocol, ngo)) == []


def test_the_certificate_serving_the_visit_answers_for_it_not_an_older_one(protocol: User, ngo: Ngo) -> None:
    # An expired certificate, and the renewal that covers the visit: the renewal answers.
    _certificate(ngo, number="OLD", issued_on=TODAY - 6 * YEAR, valid_until=TODAY - YEAR)
    _certificate(ngo, number="NEW", event="renewed", issued_on=TODAY - YEAR + datetime.timedelta(days=1))
    assert certificate_warnings(_visit(protocol, ngo)) == []


def test_a_nationwide_certificate_or_a_province_spelt_otherwise_covers_it(ngo: Ngo) -> None:
    assert covers_province(_certificate(ngo, provinces="", nationwide=True))
    assert covers_province(
        _certificate(ngo, number="2", provinces=f"  {settings.TTDN_PROVINCE_NAME.upper()} ")
    )
    assert not covers_province(_certificate(ngo, number="3", provinces=f"{settings.TTDN_PROVINCE_NAME}xyz"))


def test_an_ngo_not_yet_in_the_registry_has_no_certificate(protocol: User) -> None:
    organisation = Organisation.objects.create(name="Oxfam", kind="ngo", country="GB")
    case = make_delegation(actor=protocol, start=START, counterpart=organisation)
    assert certificate_warnings(case) == [
        "Oxfam has no certificate on record in the registry of foreign NGOs."
    ]


def test_another_counterpart_or_an_outbound_visit_says_nothing(protocol: User, ngo: Ngo) -> None:
    embassy = Organisation.objects.create(name="Ambassade de France", kind="diplomatic_mission", country="FR")
    assert certificate_warnings(make_delegation(actor=protocol, start=START, counterpart=embassy)) == []
    outbound = make_outbound_trip(actor=protocol, start=START, counterpart=ngo.organisation)
    assert certificate_warnings(outbound) == []  # no certificate at all
    assert certificate_warnings(make_delegation(actor=protocol, start=START)) == []  # no counterpart


def test_a_certificate_that_ran_out_after_a_past_visit_says_nothing(protocol: User, ngo: Ngo) -> None:
    _certificate(ngo, valid_until=TODAY - datetime.timedelta(days=1))
    past = make_delegation(
        actor=protocol, start=TODAY - datetime.timedelta(days=30), counterpart=ngo.organisation
    )
    assert certificate_warnings(past) == []


def test_each_state_warns_on_the_case_page(
    client: Client, protocol: User, ngo: Ngo, state: list[str]
) -> None:
    case = _visit(protocol, ngo)
    client.force_login(protocol)
    page = client.get(case.get_absolute_url()).content.decode()
    assert page.count('class="alert alert--warning case-warnings"') == 1
    assert _number_or_name(state) in page.split("case-warnings", 1)[1].split("</div>", 1)[0]


def _number_or_name(state: list[str]) -> str:
    return "123/GĐK-BNG" if "123/GĐK-BNG" in state[0] else "CARE"


def test_each_state_warns_on_the_police_s_review_page(
    client: Client, protocol: User, ngo: Ngo, state: list[str]
) -> None:
    case = case_submit(actor=protocol, case=_visit(protocol, ngo))
    client.force_login(police_officer())
    page = client.get(reverse("cases:review_detail", kwargs={"pk": case.reviews.get().pk})).content.decode()
    assert 'class="alert alert--warning case-warnings"' in page
    assert _number_or_name(state) in page.split("case-warnings", 1)[1].split("</div>", 1)[0]


def _warnings_after(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]


def test_each_state_warns_on_submit(client: Client, protocol: User, ngo: Ngo, state: list[str]) -> None:
    case = _visit(protocol, ngo)
    client.force_login(protocol)
    with _english(client):
        response = client.post(reverse("cases:transition", kwargs={"pk": case.pk, "name": "submit"}),
                               {"confirmed": "yes"})  # fmt: skip
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.SUBMITTED  # told, never blocked
    assert _warnings_after(response) == state


def test_each_state_warns_when_the_visit_is_created_and_saved(
    client: Client, protocol: User, ngo: Ngo, state: list[str]
) -> None:
    form = _form(protocol, counterpart_name="CARE", counterpart_kind="ngo", counterpart_country="US",
                 start_date=_d(START), end_date=_d(END), **{"programme-0-start": f"{_d(START)} 08:30",
                 "programme-0-end": f"{_d(START)} 10:00"})  # fmt: skip
    client.force_login(protocol)
    with _english(client):
        created = client.post(reverse("delegations:create"), form)
    assert created.status_code == 302
    case = Case.objects.latest("pk")
    assert case.counterpart == ngo.organisation
    assert _warnings_after(created) == state
    client.get(case.get_absolute_url())  # the page the user lands on shows them, once
    with _english(client):
        saved = client.post(
            reverse("delegations:edit", kwargs={"pk": case.pk}), {**form, "title": "Đoàn CARE"}
        )
    assert saved.status_code == 302
    assert _warnings_after(saved) == state


def test_a_valid_certificate_warns_nowhere(client: Client, protocol: User, ngo: Ngo) -> None:
    _certificate(ngo)
    case = _visit(protocol, ngo)
    client.force_login(protocol)
    assert "case-warnings" not in client.get(case.get_absolute_url()).content.decode()
    response = client.post(
        reverse("cases:transition", kwargs={"pk": case.pk, "name": "submit"}), {"confirmed": "yes"}
    )
    assert _warnings_after(response) == []
    client.force_login(police_officer())
    page = client.get(reverse("cases:review_detail", kwargs={"pk": case.reviews.get().pk})).content.decode()
    assert "case-warnings" not in page


class _english:
    """The requests of the block in English, as the expected texts are."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def __enter__(self) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def __exit__(self, *exc: object) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

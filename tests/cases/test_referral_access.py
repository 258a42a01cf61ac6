"""Issue 15, defect 1: referring a restricted case is the police's need to know, until withdrawn."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ensure_police_agency, make_agency, make_delegation, police_officer
from ttdn.accounts.models import Agency
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, CaseEvent, Review
from ttdn.cases.selectors import cases_visible_to, pending_review_count
from ttdn.cases.services.access import case_grant_access
from ttdn.cases.services.workflow import case_submit, case_transition
from ttdn.cases.timeline import case_timeline
from ttdn.notifications.models import Notification
from ttdn.notifications.sweep import reminders_sweep

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def referred(protocol) -> Case:
    case = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED, start=D(2027, 1, 20))
    return case_submit(actor=protocol, case=case)


def _review(case: Case) -> Review:
    return case.reviews.order_by("-number")[0]


def test_the_police_see_the_referred_restricted_case_its_queue_and_its_count(
    client: Client, referred: Case
) -> None:
    officer = police_officer()
    client.force_login(officer)

    assert client.get(referred.get_absolute_url()).status_code == 200
    queue = client.get(reverse("cases:review_queue"))
    assert [review.case_id for review in queue.context["page"]] == [referred.pk]
    assert pending_review_count(officer) == 1
    review_page = client.get(reverse("cases:review_detail", kwargs={"pk": _review(referred).pk}))
    assert review_page.status_code == 200


def test_the_review_reminder_reaches_the_police(referred: Case) -> None:
    officer = police_officer()
    Review.objects.filter(case=referred).update(due_date=D(2027, 1, 5))

    reminders_sweep(today=D(2026, 12, 31))

    assert set(
        Notification.objects.filter(kind="review_due", case=referred).values_list("recipient", flat=True)
    ) == {officer.pk}


@pytest.mark.parametrize(("name", "actor"), [("cancel", "protocol"), ("reject", "leader")])
def test_withdrawing_the_review_takes_the_sight_away(
    client: Client, referred: Case, protocol, leader, name, actor
) -> None:
    officer = police_officer()
    case_transition(
        actor=protocol if actor == "protocol" else leader, case=referred, name=name, reason="Hoãn"
    )
    client.force_login(officer)

    assert client.get(referred.get_absolute_url()).status_code == 404
    assert not cases_visible_to(officer).exists()
    assert pending_review_count(officer) == 0


def test_a_need_to_know_grant_keeps_the_sight_after_withdrawal(referred: Case, protocol) -> None:
    officer = police_officer()
    case_grant_access(actor=protocol, case=referred, users=[officer])

    case_transition(actor=protocol, case=referred, name="cancel", reason="Hoãn")

    assert list(cases_visible_to(officer)) == [referred]


def test_other_police_agencies_and_the_police_agencys_other_staff_see_nothing(
    client: Client, referred: Case, make_user
) -> None:
    district_police = make_agency(kind=Agency.Kind.POLICE, parent=ensure_police_agency())
    outsiders = [
        make_user(Role.POLICE, agency=district_police),  # an officer, but of an agency not referred to
        make_user(Role.AGENCY, agency=ensure_police_agency()),  # of the police agency, not an officer
        make_user(agency=ensure_police_agency()),  # no role at all
    ]
    for user in outsiders:
        client.force_login(user)
        assert client.get(referred.get_absolute_url()).status_code == 404, user
        assert not cases_visible_to(user).exists(), user


def test_the_grant_and_its_withdrawal_are_on_the_access_history(referred: Case, protocol) -> None:
    case_transition(actor=protocol, case=referred, name="cancel", reason="Hoãn")
    police = ensure_police_agency()

    entries = case_timeline(case_id=referred.pk, extension_models=[], include_access=True)
    sight = [
        (entry.action, entry.user, entry.label)
        for entry in entries
        if entry.action in ("granted", "revoked") and "police's sight" in entry.subject
    ]

    assert sight == [("revoked", protocol, str(police)), ("granted", protocol, str(police))]
    assert list(
        CaseEvent.objects.filter(case=referred, code__startswith="access.").values_list("code", flat=True)
    ) == ["access.referral_withdrawn", "access.referral_granted"]


def test_the_case_page_names_the_officers_who_see_it(
    client: Client, referred: Case, protocol, make_user
) -> None:
    officer = police_officer()
    colleague = make_user(Role.POLICE, agency=ensure_police_agency())
    not_an_officer = make_user(Role.AGENCY, agency=ensure_police_agency())
    client.force_login(protocol)

    page = client.get(referred.get_absolute_url())

    agency, officers = page.context["police_sight"]
    assert (agency, set(officers)) == (ensure_police_agency(), {officer, colleague})
    html = page.content.decode().split('id="police-sight"')[1].split("</section>")[0]
    assert officer.get_full_name() in html and colleague.get_full_name() in html
    assert not_an_officer.get_full_name() not in html


def test_a_normal_case_needs_no_sight_grant(protocol) -> None:
    case = case_submit(actor=protocol, case=make_delegation(actor=protocol))

    assert not case.group_grants.filter(permission__codename="see_referred_case").exists()
    assert list(cases_visible_to(police_officer())) == [case]


def test_a_referred_case_made_restricted_stays_in_sight_of_the_police(protocol) -> None:
    from ttdn.cases.services.cases import CaseData, case_update

    case = case_submit(actor=protocol, case=make_delegation(actor=protocol))
    case_update(
        actor=protocol,
        case=case,
        data=CaseData(
            fields={"access_level": Case.AccessLevel.RESTRICTED}, participants=None, programme=None
        ),
    )

    assert list(cases_visible_to(police_officer())) == [case]


def test_the_migration_gives_sight_of_the_cases_referred_before_it(referred: Case, protocol) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ttdn.cases.migrations.0022_case_referral_sight")
    cancelled = case_submit(actor=protocol, case=make_delegation(actor=protocol, access_level="restricted"))
    case_transition(actor=protocol, case=cancelled, name="cancel", reason="Hoãn")
    referred.group_grants.filter(permission__codename="see_referred_case").delete()

    migration.give_sight_to_referred_restricted_cases(apps, None)
    migration.give_sight_to_referred_restricted_cases(apps, None)  # twice: nothing more

    assert list(cases_visible_to(police_officer())) == [referred]
    assert referred.group_grants.filter(permission__codename="see_referred_case").count() == 1

"""The case timeline: the event log with whole reasons, the records' field diffs, the same for
the page and the API, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_delegation, police_clear
from ttdn.cases.fields import EncryptedTextField
from ttdn.cases.models import Case, Person
from ttdn.cases.services.workflow import case_transition
from ttdn.cases.timeline import _display, case_timeline, timeline_for

pytestmark = pytest.mark.django_db
# Past the 100 characters of simple-history's change reason, where reasons used to be cut.
LONG_REASON = ("Chương trình trùng lịch tiếp khách của tỉnh; đề nghị đoàn chọn thời gian khác. " * 20)[:1500]


def _reject(client: Client, case: Case, reason: str):
    return client.post(
        reverse("cases:transition", kwargs={"pk": case.pk, "name": "reject"}),
        {"reason": reason, "confirmed": "yes"},
    )


def test_a_long_rejection_reason_is_shown_whole_on_the_timeline(client: Client, protocol, leader) -> None:
    case = case_transition(actor=protocol, case=make_delegation(actor=protocol), name="submit")
    client.force_login(leader)

    response = _reject(client, case, LONG_REASON)

    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Case.Status.REJECTED
    page = client.get(case.get_absolute_url()).content.decode()
    assert LONG_REASON in page
    (entry,) = [e for e in timeline_for(user=leader, case=case) if e.code == "case.reject"]
    assert (entry.text, entry.user, entry.subject) == (LONG_REASON, leader, "không phê duyệt")


def test_a_reason_over_the_limit_is_a_form_error_and_changes_nothing(
    client: Client, protocol, leader
) -> None:
    case = case_transition(actor=protocol, case=make_delegation(actor=protocol), name="submit")
    events = case.events.count()
    client.force_login(leader)

    response = client.post(
        reverse("cases:transition", kwargs={"pk": case.pk, "name": "reject"}),
        {"reason": "x" * 2001},
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert any("2000" in message and "2001" in message for message in messages), messages
    assert Case.objects.get(pk=case.pk).status == Case.Status.SUBMITTED
    assert case.events.count() == events


def test_the_timeline_reads_the_events_and_the_changes(protocol, leader) -> None:
    case = make_delegation(actor=protocol)
    case = police_clear(
        case_transition(actor=protocol, case=case, name="submit"), conditions="Không quay phim."
    )
    case = case_transition(actor=leader, case=case, name="approve")

    entries = timeline_for(user=protocol, case=case)

    events = [(e.code, e.text) for e in reversed(entries) if e.action == "event"]
    assert events[:2] == [("case.created", ""), ("case.submit", "")]
    assert ("review.cleared_with_conditions", "Không quay phim.") in events
    assert events[-1] == ("case.approve", "")
    # The case's status is said by its events, not again as a change of the record; the record's
    # own creation likewise.
    case_rows = [e for e in entries if e.action != "event" and e.subject == str(Case._meta.verbose_name)]
    assert all("status" not in str(change[0]) for row in case_rows for change in row.changes)
    assert not [row for row in case_rows if row.action == "created"]
    # Field diffs of other records are still there (the review's checklist, its decision).
    assert any(e.action == "changed" and e.changes for e in entries)


def test_the_timeline_takes_the_same_number_of_queries_however_long(protocol) -> None:
    short = case_transition(actor=protocol, case=make_delegation(actor=protocol), name="submit")
    long = case_transition(actor=protocol, case=make_delegation(actor=protocol, participants=6, programme=4),
                           name="submit")  # fmt: skip
    case_transition(actor=protocol, case=long, name="cancel", reason="Đối tác hoãn chuyến đi.")

    with CaptureQueriesContext(connection) as few:
        timeline_for(user=protocol, case=short)
    with CaptureQueriesContext(connection) as many:
        entries = timeline_for(user=protocol, case=long)

    assert len(entries) > 12
    assert len(many) == len(few)


def test_identity_data_in_a_change_is_masked_for_who_may_not_see_it() -> None:
    passport = EncryptedTextField(name="passport_number")
    birth = Person._meta.get_field("date_of_birth")

    assert _display(passport, "TK1234567", {}, identity_shown=False) == "•••567"
    assert _display(birth, datetime.date(1980, 1, 2), {}, identity_shown=False) == "•••"
    assert _display(passport, "TK1234567", {}, identity_shown=True) == "TK1234567"


def test_the_access_log_and_grants_are_for_who_manages_access_only(protocol, make_user) -> None:
    from ttdn.accounts.roles import Role

    case = make_delegation(actor=protocol)
    staff = make_user(Role.AGENCY, agency=case.lead_agency)

    assert any(e.code == "access.granted" for e in timeline_for(user=protocol, case=case))
    assert not any(e.code.startswith("access.") for e in timeline_for(user=staff, case=case))
    assert not any(e.code.startswith("access.") for e in case_timeline(case_id=case.pk, extension_models=[]))


def test_the_case_page_shows_the_newest_history_and_links_to_the_whole(
    client: Client, protocol, make_user
) -> None:
    """A long case (each participant added is an entry) shows its newest entries on its page; the
    whole history has its own page, for those who may see the case only."""
    from ttdn.accounts.roles import Role
    from ttdn.cases.views.cases import TIMELINE_ON_CASE_PAGE

    case = make_delegation(actor=protocol, participants=40, programme=5)
    whole = timeline_for(user=protocol, case=case)
    assert len(whole) > TIMELINE_ON_CASE_PAGE
    client.force_login(protocol)

    page = client.get(case.get_absolute_url()).content.decode()
    history_url = reverse("cases:history", kwargs={"pk": case.pk})
    assert page.count('<span class="timeline__when">') == TIMELINE_ON_CASE_PAGE
    assert f'href="{history_url}"' in page
    assert f"Toàn bộ lịch sử ({len(whole)} mục)" in page

    history = client.get(history_url)
    assert history.status_code == 200
    assert history.content.decode().count('<span class="timeline__when">') == len(whole)

    client.force_login(make_user(Role.AGENCY))  # an agency that does not host it
    assert client.get(history_url).status_code == 404


def test_the_history_names_who_acted_and_who_was_given_access_with_the_rows(protocol, make_user) -> None:
    """Who acted and who holds a grant come named with the timeline's rows (no query of their
    own): a user by their name, an agency in the page's language."""
    from django.utils import translation

    from tests.factories import make_agency
    from ttdn.accounts.roles import Role
    from ttdn.cases.services.access import case_grant_access

    case = make_delegation(actor=protocol, access_level="restricted")
    officer = make_user(Role.PROTOCOL, full_name="Trần Thị Mai")
    agency = make_agency(name_vi="Sở Du lịch thử", name_en="Test tourism department")
    case_grant_access(actor=protocol, case=case, users=[officer], agencies=[agency])

    for language, agency_name in (("vi", "Sở Du lịch thử"), ("en", "Test tourism department")):
        with translation.override(language):
            granted = [e for e in timeline_for(user=protocol, case=case) if e.code == "access.granted"]
        assert {e.label for e in granted} >= {"Trần Thị Mai", agency_name}
        assert {str(e.user) for e in granted} == {str(protocol)}
        assert all(e.user == protocol for e in granted)

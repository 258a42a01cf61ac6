"""The order of precedence and the seating plan: the seats of each side, the protocol order, the
pages and the PDFs, and who may open them."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.factories import make_delegation
from ttdn.accounts.roles import Role
from ttdn.cases.models import Case, CaseHost, Participant
from ttdn.printouts.seating import Attendee, Seat, case_seating_plan, offset, precedence, seating_plan

URLS = ["precedence", "precedence_pdf", "seating", "seating_pdf", "hosts_edit", "ranks_edit"]


def people(count: int, prefix: str = "P") -> list[Attendee]:
    return [Attendee(f"{prefix}{number}", position=f"Position {number}") for number in range(1, count + 1)]


def numbers(row: list[Seat | None]) -> list[int | None]:
    return [seat.number if seat else None for seat in row]


# The seats ---------------------------------------------------------------------------------------


def test_the_head_sits_alone_in_the_middle() -> None:
    plan = seating_plan(hosts=people(1), guests=people(1))

    assert numbers(plan.top) == [1] and numbers(plan.bottom) == [1]


def test_number_two_sits_on_the_heads_right_as_the_head_sees_it() -> None:
    plan = seating_plan(hosts=people(2), guests=people(2))

    # The guests face the reader: their head's right is the reader's left; the hosts' is the right.
    assert numbers(plan.top) == [2, 1, None]
    assert numbers(plan.bottom) == [None, 1, 2]


def test_five_alternate_right_left_from_the_head() -> None:
    plan = seating_plan(hosts=people(5), guests=people(5))

    assert numbers(plan.bottom) == [5, 3, 1, 2, 4]
    assert numbers(plan.top) == [4, 2, 1, 3, 5]
    assert [offset(index) for index in range(5)] == [0, 1, -1, 2, -2]


def test_eight_a_side_keep_both_heads_in_the_middle_column() -> None:
    plan = seating_plan(hosts=people(8), guests=people(8))

    assert plan.width == 9
    assert numbers(plan.bottom) == [None, 7, 5, 3, 1, 2, 4, 6, 8]
    assert numbers(plan.top) == [8, 6, 4, 2, 1, 3, 5, 7, None]
    middle = plan.width // 2
    assert plan.top[middle].is_head and plan.bottom[middle].is_head  # type: ignore[union-attr]


def test_unequal_sides_face_each_other_head_to_head() -> None:
    plan = seating_plan(hosts=people(2, "H"), guests=people(6, "G"))

    assert plan.width == 7  # the larger side reaches 3 seats each way
    assert numbers(plan.top) == [6, 4, 2, 1, 3, 5, None]
    assert numbers(plan.bottom) == [None, None, None, 1, 2, None, None]


def test_interpreters_sit_behind_their_head() -> None:
    plan = seating_plan(hosts=people(3), guests=people(3), guest_interpreters=people(1, "I"))

    assert plan.interpreters_top and not plan.interpreters_bottom
    assert [seat.person.name if seat else None for seat in plan.top_behind] == [None, "I1", None]


def test_a_side_with_no_one_leaves_its_row_empty() -> None:
    plan = seating_plan(hosts=[], guests=people(3))

    assert numbers(plan.bottom) == [None, None, None]


# The order of precedence -------------------------------------------------------------------------


def _participant(
    pk: int, name: str, *, rank: int | None = None, role: str = "member", order: int = 0
) -> Participant:
    from ttdn.cases.models import Person

    return Participant(pk=pk, person=Person(full_name=name), rank=rank, role=role, order=order)


def test_ranked_first_then_heads_then_the_order_entered() -> None:
    participants = [
        _participant(1, "Member unranked", order=0),
        _participant(2, "Second", rank=2, order=1),
        _participant(3, "Interpreter", role="interpreter", order=2),
        _participant(4, "Head unranked", role="head", order=3),
        _participant(5, "First", rank=1, order=4),
        _participant(6, "Fifth in rank", rank=5, order=5),
        _participant(7, "Member later", order=6),
    ]
    hosts = [
        CaseHost(pk=1, name="Vice", position="PCT", rank=2),
        CaseHost(pk=2, name="Chair", position="CT", rank=1),
    ]

    listing = precedence(participants=participants, hosts=hosts, counterpart="Kanagawa")

    assert [row.person.name for row in listing.guests] == [
        "First",
        "Second",
        "Fifth in rank",
        "Head unranked",
        "Member unranked",
        "Member later",
    ]
    assert [row.number for row in listing.guests] == [1, 2, 3, 4, 5, 6]  # no gaps
    assert [row.person.name for row in listing.hosts] == ["Chair", "Vice"]
    assert [person.name for person in listing.interpreters] == ["Interpreter"]
    assert listing.guests[0].person.organisation == "Kanagawa"


def test_the_unranked_take_the_seats_after_the_ranked() -> None:
    participants = [
        _participant(1, "Member", order=0),
        _participant(2, "Head", role="head", order=1),
        _participant(3, "Ranked first", rank=1, order=2),
        _participant(4, "Interpreter", role="interpreter", order=3),
    ]

    plan = case_seating_plan(precedence(participants=participants, hosts=[]))

    # The ranked head in the middle; the unranked head on their right (the reader's left).
    assert [seat.person.name if seat else None for seat in plan.top] == ["Head", "Ranked first", "Member"]
    assert [seat.person.name if seat else None for seat in plan.top_behind] == [None, "Interpreter", None]


# The pages ---------------------------------------------------------------------------------------


@pytest.fixture
def case(protocol) -> Case:
    case = make_delegation(actor=protocol, participants=6)
    for rank, participant in enumerate(case.participants.all(), start=1):
        participant.rank = rank
        participant.save()
    for rank in range(1, 6):
        CaseHost.objects.create(case=case, name=f"Quan chuc {rank}", position=f"Chuc vu {rank}", rank=rank)
    return case


@pytest.mark.django_db
@pytest.mark.parametrize("name", URLS)
def test_a_user_who_may_not_see_the_case_gets_404(client: Client, case, make_user, name: str) -> None:
    client.force_login(make_user(Role.AGENCY))  # another agency: not a host

    response = client.get(reverse(f"printouts:{name}", kwargs={"pk": case.pk}))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["precedence", "seating"])
def test_who_may_see_the_case_sees_the_list_and_the_plan_but_no_editing(
    client: Client, case, make_user, name: str
) -> None:
    client.force_login(make_user(Role.AGENCY, agency=case.lead_agency))

    response = client.get(reverse(f"printouts:{name}", kwargs={"pk": case.pk}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Quan chuc 1" in page and "Participant 0" in page
    assert reverse("printouts:hosts_edit", kwargs={"pk": case.pk}) not in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["precedence", "seating"])
def test_protocol_is_offered_the_forms_beside_the_list_and_the_plan(
    client: Client, case, protocol, name
) -> None:
    client.force_login(protocol)

    page = client.get(reverse(f"printouts:{name}", kwargs={"pk": case.pk})).content.decode()

    assert reverse("printouts:hosts_edit", kwargs={"pk": case.pk}) in page
    assert reverse("printouts:ranks_edit", kwargs={"pk": case.pk}) in page


@pytest.mark.django_db
def test_the_case_page_links_the_list_and_the_plan(client: Client, case, protocol, make_user) -> None:
    client.force_login(protocol)
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("printouts:seating", kwargs={"pk": case.pk}) in page
    assert reverse("printouts:hosts_edit", kwargs={"pk": case.pk}) in page

    client.force_login(make_user(Role.AGENCY, agency=case.lead_agency))
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("printouts:precedence", kwargs={"pk": case.pk}) in page
    assert reverse("printouts:hosts_edit", kwargs={"pk": case.pk}) not in page


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["precedence_pdf", "seating_pdf"])
def test_the_pdfs_have_every_name(client: Client, case, protocol, name: str) -> None:
    client.force_login(protocol)

    response = client.get(reverse(f"printouts:{name}", kwargs={"pk": case.pk}))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for participant in case.participants.select_related("person"):
        assert participant.person.full_name in text
    for host in case.hosts.all():
        assert host.name in text


@pytest.mark.django_db
def test_a_name_in_the_guests_script_is_shown_beside_it(client: Client, case, protocol) -> None:
    person = case.participants.first().person
    person.name_in_script = "김민준"
    person.save()
    client.force_login(protocol)

    for name in ("precedence", "seating", "seating_pdf"):
        response = client.get(reverse(f"printouts:{name}", kwargs={"pk": case.pk}))
        text = _pdf_text(response.content) if name.endswith("pdf") else response.content.decode()
        assert "김민준" in text


@pytest.mark.django_db
def test_the_seating_pdf_is_one_landscape_page(client: Client, case, protocol) -> None:
    client.force_login(protocol)

    response = client.get(reverse("printouts:seating_pdf", kwargs={"pk": case.pk}) + "?entrance=hosts")

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height
    with translation.override("vi"):  # the user's language
        assert translation.gettext("Entrance") in _pdf_text(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["precedence", "seating"])
def test_the_pages_queries_stay_flat_in_the_number_of_people(client: Client, protocol, name: str) -> None:
    client.force_login(protocol)

    def count(size: int) -> int:
        case = make_delegation(actor=protocol, participants=size)
        for rank in range(1, size + 1):
            CaseHost.objects.create(case=case, name=f"H{rank}", position="P", rank=rank)
        url = reverse(f"printouts:{name}", kwargs={"pk": case.pk})
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(2) == count(12)


# Review findings of issue 20 ------------------------------------------------------------------


def test_a_vietnamese_official_among_the_participants_is_on_the_host_side() -> None:
    participants = [
        _participant(1, "Guest head", rank=1, role="head"),
        _participant(2, "Official ranked", rank=2, role="official", order=1),
        _participant(3, "Guest member", rank=3, order=2),
        _participant(4, "Official unranked", role="official", order=3),
    ]
    hosts = [
        CaseHost(pk=1, name="Chair", position="CT", rank=1),
        CaseHost(pk=2, name="Vice", position="PCT", rank=2),
        CaseHost(pk=3, name="Director", position="GĐ", rank=3),
    ]

    listing = precedence(participants=participants, hosts=hosts)
    plan = case_seating_plan(listing)

    assert [row.person.name for row in listing.guests] == ["Guest head", "Guest member"]
    # After the host officials of the same rank; the unranked last.
    assert [row.person.name for row in listing.hosts] == [
        "Chair", "Vice", "Official ranked", "Director", "Official unranked"
    ]  # fmt: skip
    seated = {seat.person.name for seat in plan.bottom if seat}
    assert {"Official ranked", "Official unranked"} <= seated
    assert not {"Official ranked", "Official unranked"} & {seat.person.name for seat in plan.top if seat}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "detail"), [("precedence", "order of precedence page"), ("seating", "seating plan page")]
)
def test_a_read_of_a_restricted_case_s_page_is_logged(
    client: Client, protocol, name: str, detail: str
) -> None:
    from ttdn.cases.models import AccessLog

    restricted = make_delegation(actor=protocol, access_level=Case.AccessLevel.RESTRICTED)
    client.force_login(protocol)

    assert client.get(reverse(f"printouts:{name}", kwargs={"pk": restricted.pk})).status_code == 200

    logged = AccessLog.objects.filter(case=restricted, action=AccessLog.Action.VIEW_RESTRICTED)
    assert list(logged.values_list("user", "detail")) == [(protocol.pk, detail)]


@pytest.mark.django_db
def test_the_ranks_page_lists_the_vietnamese_officials_too(client: Client, case, protocol) -> None:
    official = case.participants.last()
    official.role = Participant.Role.OFFICIAL
    official.save()
    client.force_login(protocol)

    page = client.get(reverse("printouts:ranks_edit", kwargs={"pk": case.pk})).content.decode()
    listing = client.get(reverse("printouts:precedence", kwargs={"pk": case.pk})).content.decode()

    assert f'name="rank_{official.pk}"' in page
    assert official.person.full_name in listing


def test_every_pdf_answer_is_built_by_one_helper() -> None:
    from ttdn.printouts.pdf import pdf_response

    shown, saved = pdf_response(b"%PDF", "a.pdf"), pdf_response(b"%PDF", "b.pdf", attachment=True)

    assert shown["Content-Disposition"] == 'inline; filename="a.pdf"'
    assert saved["Content-Disposition"] == 'attachment; filename="b.pdf"'
    assert shown["Content-Type"] == saved["Content-Type"] == "application/pdf"
    assert shown["Cache-Control"] == saved["Cache-Control"] == "no-store"

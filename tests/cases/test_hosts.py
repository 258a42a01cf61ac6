"""The host officials of a case and the guests' ranks: their services (atomic, validated, on the
timeline, never reopening the police's review) and their pages (protocol only; 404 for who may
not see the case)."""

from __future__ import annotations

import dataclasses

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import case_data_as_now, make_agency, make_delegation, police_clear, police_officer
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case, CaseEvent, CaseHost
from ttdn.cases.policy import may_edit
from ttdn.cases.services.cases import case_update
from ttdn.cases.services.hosts import HostData, RankError, case_hosts_set, participants_rank
from ttdn.cases.services.workflow import case_approve, case_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(protocol) -> Case:
    return make_delegation(actor=protocol, participants=3)


@pytest.fixture
def approved(protocol, leader) -> Case:
    case = case_submit(actor=protocol, case=make_delegation(actor=protocol, participants=3, programme=1))
    return case_approve(actor=leader, case=police_clear(case))


def test_hosts_are_set_edited_and_removed_in_one_go(case, protocol) -> None:
    agency = make_agency()
    first = case_hosts_set(
        actor=protocol,
        case=case,
        hosts=[
            HostData(name="Nguyễn Văn A", position="Chủ tịch UBND tỉnh", rank=1, agency=agency),
            HostData(name="Trần Thị B", position="Giám đốc Sở Ngoại vụ", rank=2),
        ],
    )
    head, second = first

    kept = case_hosts_set(
        actor=protocol,
        case=case,
        hosts=[dataclasses.replace(HostData(name="Nguyễn Văn A", position="Chủ tịch", rank=1), pk=head.pk)],
    )

    assert [(host.pk, host.position, host.agency) for host in kept] == [(head.pk, "Chủ tịch", None)]
    assert not CaseHost.objects.filter(pk=second.pk).exists()
    events = CaseEvent.objects.filter(case=case, code="hosts.changed").order_by("pk")
    assert [event.data for event in events] == [
        {"count": 2, "added": 2},
        {"count": 1, "changed": 1, "removed": 1},
    ]
    assert head.history.count() == 2


def test_a_rank_twice_among_the_hosts_is_refused_and_nothing_saved(case, protocol) -> None:
    with pytest.raises(RankError) as refused:
        case_hosts_set(
            actor=protocol,
            case=case,
            hosts=[HostData(name="A", position="X", rank=1), HostData(name="B", position="Y", rank=1)],
        )

    assert refused.value.rows == [0, 1]
    assert not case.hosts.exists()
    assert not CaseEvent.objects.filter(case=case, code="hosts.changed").exists()


def test_the_guests_ranks_are_set_together_and_a_duplicate_is_refused(case, protocol) -> None:
    one, two, three = case.participants.all()

    assert participants_rank(actor=protocol, case=case, ranks={one.pk: 2, two.pk: 1, three.pk: None}) == 2
    with pytest.raises(RankError) as refused:
        participants_rank(actor=protocol, case=case, ranks={three.pk: 1})

    assert set(refused.value.rows) == {two.pk, three.pk}
    assert list(case.participants.order_by("pk").values_list("rank", flat=True)) == [2, 1, None]
    assert CaseEvent.objects.filter(case=case, code="participants.ranked").count() == 1


def test_only_who_may_edit_the_case_sets_ranks_and_hosts(case, make_user) -> None:
    agency_user = make_user(Role.AGENCY, agency=case.lead_agency)

    with pytest.raises(CaseError):
        participants_rank(actor=agency_user, case=case, ranks={})
    with pytest.raises(CaseError):
        case_hosts_set(actor=agency_user, case=case, hosts=[])


def test_ranks_and_hosts_do_not_reopen_the_police_review(approved, protocol) -> None:
    participant = approved.participants.first()

    participants_rank(actor=protocol, case=approved, ranks={participant.pk: 1})
    case_hosts_set(actor=protocol, case=approved, hosts=[HostData(name="A", position="Chủ tịch", rank=1)])
    data = case_data_as_now(approved)
    data.participants = [dataclasses.replace(row, rank=None) for row in data.participants]
    case = case_update(actor=protocol, case=approved, data=data, reopen_confirmed=False)  # rank only

    assert case.status == Case.Status.APPROVED
    assert approved.reviews.count() == 1


def test_the_case_form_keeps_the_ranks_and_refuses_one_twice(client: Client, case, protocol) -> None:
    from ttdn.cases.forms import ParticipantFormSet

    rows = {
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        **{
            f"participants-{index}-{name}": value
            for index in range(2)
            for name, value in {
                "full_name": f"Person {index}",
                "nationality": "JP",
                "sex": "unspecified",
                "role": "member",
                "rank": "1",
            }.items()
        },
    }

    formset = ParticipantFormSet(rows, prefix="participants")

    assert not formset.is_valid()
    assert formset.forms[1].errors["rank"] == ["Another participant has this rank."]


# The pages ---------------------------------------------------------------------------------------


def _host_rows(*rows: dict[str, str]) -> dict[str, str]:
    data = {"hosts-TOTAL_FORMS": str(len(rows)), "hosts-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"hosts-{index}-{name}": value for name, value in row.items()})
    return data


def test_protocol_adds_hosts_on_their_page(client: Client, case, protocol) -> None:
    client.force_login(protocol)
    url = reverse("printouts:hosts_edit", kwargs={"pk": case.pk})
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        _host_rows(
            {"name": "Nguyễn Văn A", "position": "Chủ tịch", "rank": "1", "agency": str(case.lead_agency_id)},
            {"name": "Trần B", "position": "Phó Giám đốc", "rank": "2"},
        ),
    )

    assert response.status_code == 302
    assert list(case.hosts.values_list("name", "rank", "agency")) == [
        ("Nguyễn Văn A", 1, case.lead_agency_id),
        ("Trần B", 2, None),
    ]


def test_a_duplicate_host_rank_comes_back_beside_the_field(client: Client, case, protocol) -> None:
    client.force_login(protocol)

    response = client.post(
        reverse("printouts:hosts_edit", kwargs={"pk": case.pk}),
        _host_rows(
            {"name": "Nguyễn Văn A", "position": "Chủ tịch", "rank": "1"},
            {"name": "Trần B", "position": "Phó Giám đốc", "rank": "1"},
        ),
    )

    assert response.status_code == 400
    assert _twice("1") in response.content.decode()
    assert "Trần B" in response.content.decode()  # what was typed is kept
    assert not case.hosts.exists()


def test_the_ranks_page_refuses_a_duplicate_and_saves_nothing(client: Client, case, protocol) -> None:
    client.force_login(protocol)
    one, two, three = case.participants.all()
    url = reverse("printouts:ranks_edit", kwargs={"pk": case.pk})

    response = client.post(url, {f"rank_{one.pk}": "1", f"rank_{two.pk}": "1", f"rank_{three.pk}": ""})

    assert response.status_code == 400
    assert _twice("1") in response.content.decode()
    assert not case.participants.filter(rank__isnull=False).exists()

    response = client.post(url, {f"rank_{one.pk}": "2", f"rank_{two.pk}": "1", f"rank_{three.pk}": "0"})
    assert response.status_code == 400  # not positive
    assert client.post(url, {f"rank_{one.pk}": "2", f"rank_{two.pk}": "1"}).status_code == 302
    assert list(case.participants.order_by("pk").values_list("rank", flat=True)) == [2, 1, None]


def _twice(ranks: str) -> str:
    """The refusal of a rank given twice, as the pages say it (in the user's language)."""
    with translation.override("vi"):
        return translation.gettext("Each rank is given once on a side; given more than once: %(ranks)s.") % {
            "ranks": ranks
        }


@pytest.mark.parametrize("name", ["hosts_edit", "ranks_edit"])
def test_police_and_host_agencies_are_refused_the_forms_with_a_reason(
    client: Client, case, make_user, name: str
) -> None:
    case_submit(actor=case.created_by, case=case)  # referred: the police see the case
    for user in (make_user(Role.AGENCY, agency=case.lead_agency), police_officer()):
        client.force_login(user)
        assert client.get(case.get_absolute_url()).status_code == 200

        response = client.get(reverse(f"printouts:{name}", kwargs={"pk": case.pk}))

        assert response.status_code == 403
        with translation.override("vi"):  # the user's language
            assert str(may_edit(user=user, case=case)) in response.content.decode()


@pytest.mark.parametrize("name", ["hosts_edit", "ranks_edit"])
def test_the_forms_answer_404_to_who_may_not_see_the_case(client: Client, case, make_user, name: str) -> None:
    client.force_login(make_user(Role.AGENCY))

    assert client.post(reverse(f"printouts:{name}", kwargs={"pk": case.pk}), {}).status_code == 404


# Review findings of issue 20: ranks bounded; the service's other refusals kept on the form -----


def test_a_rank_beyond_the_bound_is_refused_by_the_services(case, protocol) -> None:
    from ttdn.cases.models.hosts import RANK_MAX

    one = case.participants.first()
    with pytest.raises(RankError) as refused:
        case_hosts_set(actor=protocol, case=case, hosts=[HostData(name="A", position="X", rank=RANK_MAX + 1)])
    assert refused.value.rows == [0] and str(RANK_MAX) in refused.value.message
    with pytest.raises(RankError):
        participants_rank(actor=protocol, case=case, ranks={one.pk: 40000})  # beyond a small integer
    with pytest.raises(RankError):
        data = case_data_as_now(case)
        data.participants = [dataclasses.replace(data.participants[0], rank=RANK_MAX + 1)]
        case_update(actor=protocol, case=case, data=data)

    assert participants_rank(actor=protocol, case=case, ranks={one.pk: RANK_MAX}) == 1
    assert not case.hosts.exists()


def test_the_forms_refuse_a_rank_beyond_the_bound_with_a_clear_message(
    client: Client, case, protocol
) -> None:
    from ttdn.cases.forms import ParticipantFormSet
    from ttdn.cases.models.hosts import RANK_RANGE_MESSAGE

    client.force_login(protocol)
    one = case.participants.first()
    ranks = client.post(reverse("printouts:ranks_edit", kwargs={"pk": case.pk}), {f"rank_{one.pk}": "1000"})
    hosts = client.post(
        reverse("printouts:hosts_edit", kwargs={"pk": case.pk}),
        _host_rows({"name": "Nguyễn Văn A", "position": "Chủ tịch", "rank": "32768"}),
    )
    with translation.override("en"):
        formset = ParticipantFormSet(
            {
                "participants-TOTAL_FORMS": "1",
                "participants-INITIAL_FORMS": "0",
                "participants-0-full_name": "Person",
                "participants-0-nationality": "JP",
                "participants-0-sex": "unspecified",
                "participants-0-role": "member",
                "participants-0-rank": "1000",
            },
            prefix="participants",
        )
        assert not formset.is_valid()
        assert formset.forms[0].errors["rank"] == ["A rank is a whole number from 1 (the head) to 999."]
    with translation.override("vi"):  # the pages, in the user's language
        message = str(RANK_RANGE_MESSAGE)
    assert message == "Thứ tự là số nguyên từ 1 (người đứng đầu) đến 999."
    for response in (ranks, hosts):
        assert response.status_code == 400 and message in response.content.decode()
    assert not case.hosts.exists() and not case.participants.filter(rank__isnull=False).exists()


def test_another_refusal_of_the_hosts_service_comes_back_on_the_form(
    client: Client, case, protocol, monkeypatch
) -> None:
    def refuse(**kwargs: object) -> None:
        raise CaseError("Refused by a rule of the case.")

    monkeypatch.setattr("ttdn.printouts.views_seating.case_hosts_set", refuse)
    client.force_login(protocol)

    response = client.post(
        reverse("printouts:hosts_edit", kwargs={"pk": case.pk}),
        _host_rows({"name": "Nguyễn Văn A", "position": "Chủ tịch", "rank": "1"}),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Refused by a rule of the case." in page and "Nguyễn Văn A" in page  # what was typed is kept

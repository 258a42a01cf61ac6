"""The conference's services: its record beside the case (HN- reference, its form and the case's
mode), what they refuse (changing nothing), the police's opinion a sensitive conference needs,
and the agencies consulted, who see the case they are asked about."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from conferences.models import Conference, ConsultedAgency
from conferences.services import ConferenceData, conference_update, consultation_add, opinion_record
from tests.factories import case_data_as_now, make_agency, make_conference, police_clear
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case
from ttdn.cases.selectors import cases_visible_to
from ttdn.cases.services.reviews import review_waive
from ttdn.cases.services.workflow import case_approve, case_submit

pytestmark = pytest.mark.django_db
D = datetime.date


def _as_now(case: Case, **changes: object) -> ConferenceData:
    record = Conference.objects.get(case=case)
    values = {
        name: getattr(record, name) for name in ConferenceData.__dataclass_fields__ if name != "co_organisers"
    }
    return ConferenceData(**{**values, "co_organisers": tuple(record.co_organisers.all()), **changes})


def test_a_conference_is_a_case_numbered_hn(protocol) -> None:
    case = make_conference(actor=protocol)

    assert case.kind == "conference"
    assert case.reference.startswith("HN-")
    assert Conference.objects.get(case=case).organiser == "Trường Đại học Tân Trào"


@pytest.mark.parametrize(
    ("mode", "case_mode"), [("in_person", "in_person"), ("mixed", "in_person"), ("online", "online")]
)
def test_the_case_mode_follows_the_conference_s_form(protocol, mode, case_mode) -> None:
    case = make_conference(actor=protocol, mode=mode)

    assert (case.mode, Conference.objects.get(case=case).mode) == (case_mode, mode)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"funding": "foreign"}, "foreign_funding_amount"),
        ({"funding": "organiser", "foreign_funding_amount": 100}, "foreign_funding_amount"),
        ({"sensitive_topics": True, "sensitive_note": " "}, "sensitive_note"),
    ],
)
def test_an_incoherent_edit_is_refused_and_changes_nothing(protocol, changes, field) -> None:
    case = make_conference(actor=protocol)

    with pytest.raises(ValidationError) as error:
        conference_update(
            actor=protocol, case=case, data=case_data_as_now(case), conference=_as_now(case, **changes)
        )

    assert field in error.value.message_dict
    assert Conference.objects.get(case=case).funding == "organiser"
    assert not Conference.objects.get(case=case).sensitive_topics


def test_moving_the_start_moves_the_dossier_s_due_date(protocol) -> None:
    case = make_conference(actor=protocol, start=D(2027, 3, 3))
    data = case_data_as_now(case)
    data.fields.update(start_date=D(2027, 4, 2), end_date=D(2027, 4, 3))

    conference_update(actor=protocol, case=case, data=data, conference=_as_now(case))

    assert Conference.objects.get(case=case).dossier_due_on == D(2027, 3, 3)


def test_a_sensitive_conference_is_not_approved_on_a_waiver(protocol, leader) -> None:
    case = case_submit(actor=protocol, case=make_conference(actor=protocol, sensitive_topics=True))
    review_waive(actor=leader, case=case, reason="Hội thảo chuyên môn")

    with pytest.raises(CaseError, match="police must clear it"):
        case_approve(actor=leader, case=Case.objects.get(pk=case.pk))


def test_a_sensitive_conference_is_approved_once_the_police_clear_it(protocol, leader) -> None:
    case = police_clear(
        case_submit(actor=protocol, case=make_conference(actor=protocol, sensitive_topics=True))
    )

    assert case_approve(actor=leader, case=case).status == Case.Status.APPROVED


def test_an_ordinary_conference_may_be_approved_on_a_waiver(protocol, leader) -> None:
    case = case_submit(actor=protocol, case=make_conference(actor=protocol))
    review_waive(actor=leader, case=case, reason="Hội thảo chuyên môn")

    assert case_approve(actor=leader, case=Case.objects.get(pk=case.pk)).status == Case.Status.APPROVED


def test_an_agency_asked_for_its_opinion_sees_the_case_and_keeps_seeing_it_after_an_edit(
    make_user, protocol
) -> None:
    asked = make_agency()
    staff = make_user(Role.AGENCY, agency=asked)
    case = make_conference(actor=protocol)
    assert not cases_visible_to(staff).filter(pk=case.pk).exists()

    consultation_add(actor=protocol, case=case, agency=asked, asked_on=D(2027, 1, 4))
    conference_update(
        actor=protocol, case=case, data=case_data_as_now(case), conference=_as_now(case, venue="Khác")
    )

    assert cases_visible_to(staff).filter(pk=case.pk).exists()


def test_an_agency_is_asked_once(protocol) -> None:
    asked = make_agency()
    case = make_conference(actor=protocol)
    consultation_add(actor=protocol, case=case, agency=asked, asked_on=D(2027, 1, 4))

    with pytest.raises(ValidationError):
        consultation_add(actor=protocol, case=case, agency=asked, asked_on=D(2027, 1, 5))

    assert ConsultedAgency.objects.count() == 1


def test_only_protocol_asks_for_opinions(make_user, protocol) -> None:
    case = make_conference(actor=protocol)

    with pytest.raises(CaseError):
        consultation_add(
            actor=make_user(Role.AGENCY, agency=case.lead_agency),
            case=case,
            agency=make_agency(),
            asked_on=D(2027, 1, 4),
        )


def test_an_agency_records_its_own_opinion_but_not_another_s(make_user, protocol) -> None:
    first, second = make_agency(), make_agency()
    case = make_conference(actor=protocol)
    mine = consultation_add(actor=protocol, case=case, agency=first, asked_on=D(2027, 1, 4))
    theirs = consultation_add(actor=protocol, case=case, agency=second, asked_on=D(2027, 1, 4))
    staff = make_user(Role.AGENCY, agency=first)

    opinion_record(actor=staff, consultation=mine, answered_on=D(2027, 1, 6), opinion=" Đồng ý. ")
    with pytest.raises(CaseError):
        opinion_record(actor=staff, consultation=theirs, answered_on=D(2027, 1, 6), opinion="Đồng ý.")

    assert ConsultedAgency.objects.get(pk=mine.pk).opinion == "Đồng ý."
    assert ConsultedAgency.objects.get(pk=theirs.pk).answered_on is None


def test_an_answer_before_the_question_is_refused(protocol) -> None:
    case = make_conference(actor=protocol)
    consultation = consultation_add(actor=protocol, case=case, agency=make_agency(), asked_on=D(2027, 1, 4))

    with pytest.raises(ValidationError):
        opinion_record(
            actor=protocol, consultation=consultation, answered_on=D(2027, 1, 3), opinion="Đồng ý."
        )

    assert ConsultedAgency.objects.get(pk=consultation.pk).answered_on is None


def test_a_conference_is_always_an_inbound_case(protocol) -> None:
    case = make_conference(actor=protocol, direction="outbound")

    assert case.direction == Case.Direction.INBOUND


def test_the_police_check_a_conference_on_its_own_wording_of_the_core_items() -> None:
    from ttdn.cases.review_checklist import checklist_for

    items = checklist_for("conference")

    assert [name for name, _label in items] == [
        "materials_checked", "programme_avoids_restricted_areas", "hosts_briefed", "recording_restrictions_stated"
    ]  # fmt: skip
    assert "Papers, presentations" in str(items[0][1])


def test_the_participants_identity_data_is_kept_5_years_by_default() -> None:
    from ttdn.cases.models import RetentionPeriod

    assert RetentionPeriod.objects.get(kind="conference").years == 5


def test_an_edit_that_changes_nothing_of_the_conference_writes_no_history(protocol) -> None:
    case = make_conference(actor=protocol)
    record = Conference.objects.get(case=case)

    conference_update(actor=protocol, case=case, data=case_data_as_now(case), conference=_as_now(case))

    assert record.history.count() == 1

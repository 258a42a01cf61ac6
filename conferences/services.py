"""The writes of conferences: the case with its conference record, the agencies consulted and
their opinions, and the kind's condition on approval."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from conferences.deadlines import dossier_due, opinion_due
from conferences.models import KIND, ApprovalRule, Conference, ConsultedAgency
from conferences.policy import may_answer_for, may_consult, may_record_opinion
from ttdn.accounts.models import Agency, User
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Case, Organisation, Review
from ttdn.cases.permissions import sync_host_grants
from ttdn.cases.policy import enforce
from ttdn.cases.services.cases import CaseData, case_create, case_update
from ttdn.cases.services.reviews import latest_review

# The kind's own events (registered with the kind, in ConferencesConfig.ready).
CONSULTED_EVENT = "conference.consulted"
OPINION_EVENT = "conference.opinion"


@dataclass(frozen=True)
class ConferenceData:
    organiser: str
    topic: str
    venue: str
    mode: str
    foreign_participants: int
    vietnamese_participants: int
    funding: str
    approval_rule: ApprovalRule
    sensitive_topics: bool = False
    sensitive_note: str = ""
    foreign_funding_amount: int | None = None  # whole đồng
    funding_note: str = ""
    dossier_submitted_on: datetime.date | None = None
    co_organisers: tuple[Organisation, ...] = field(default=())

    @classmethod
    def from_values(
        cls,
        values: Mapping[str, Any],
        *,
        co_organisers: tuple[Organisation, ...],
        approval_rule: ApprovalRule,
    ) -> ConferenceData:
        """From what a form or the API validated (texts trimmed; optional values may be missing)."""
        return cls(
            organiser=values["organiser"].strip(),
            co_organisers=co_organisers,
            topic=values["topic"].strip(),
            venue=values["venue"].strip(),
            mode=values["mode"],
            foreign_participants=values["foreign_participants"],
            vietnamese_participants=values["vietnamese_participants"],
            funding=values["funding"],
            foreign_funding_amount=values.get("foreign_funding_amount"),
            funding_note=(values.get("funding_note") or "").strip(),
            sensitive_topics=bool(values.get("sensitive_topics")),
            sensitive_note=(values.get("sensitive_note") or "").strip(),
            approval_rule=approval_rule,
            dossier_submitted_on=values.get("dossier_submitted_on"),
        )

    def own_fields(self) -> dict[str, object]:
        """The values of the conference record's own columns (its co-organisers apart)."""
        return {name: value for name, value in self.__dict__.items() if name != "co_organisers"}


def case_mode(mode: str) -> str:
    """The case's mode for the conference's: a mixed conference brings people in, as one in person."""
    return Case.Mode.ONLINE if mode == Conference.Mode.ONLINE else Case.Mode.IN_PERSON


def validate_conference(conference: ConferenceData) -> None:
    """The rules of a conference that its form cannot check alone (the API's too)."""
    errors: dict[str, str] = {}
    foreign = conference.funding in Conference.FOREIGN_FUNDING
    if foreign and conference.foreign_funding_amount is None:
        errors["foreign_funding_amount"] = _("Give the amount of the foreign funding.")
    if not foreign and conference.foreign_funding_amount is not None:
        errors["foreign_funding_amount"] = _(
            "An amount of foreign funding is given only with foreign funding."
        )
    if conference.sensitive_topics and not conference.sensitive_note.strip():
        errors["sensitive_note"] = _("Say which topics need the police's opinion.")
    if not conference.approval_rule.is_active:
        errors["approval_rule"] = _("This approval rule is no longer in use.")
    if errors:
        raise ValidationError(errors)


def _prepare(data: CaseData, conference: ConferenceData) -> None:
    """Validate, and set what the conference decides of its case: held in the province, it is an
    inbound case, and its mode follows the conference's form."""
    validate_conference(conference)
    data.fields["direction"] = Case.Direction.INBOUND
    data.fields["mode"] = case_mode(conference.mode)


def _due(case: Case, conference: ConferenceData) -> datetime.date | None:
    return dossier_due(start=case.start_date, above_province=conference.approval_rule.above_province)


@transaction.atomic
def conference_create(*, actor: User, data: CaseData, conference: ConferenceData) -> Case:
    _prepare(data, conference)
    case = case_create(actor=actor, kind=KIND, data=data)
    record = Conference(case=case, dossier_due_on=_due(case, conference), **conference.own_fields())
    record.full_clean()
    stamp(record, actor)
    record.save()
    record.co_organisers.set(conference.co_organisers)
    return case


@transaction.atomic
def conference_update(
    *, actor: User, case: Case, data: CaseData, conference: ConferenceData, reopen_confirmed: bool = True
) -> Case:
    """Save the edit of a conference; its topic, venue, form, sensitive topics and co-organisers are
    part of what the police's review covers (the kind's registration names them)."""
    _prepare(data, conference)
    case = Case.objects.select_for_update().get(pk=case.pk)  # the case first, as case_update does
    record = Conference.objects.select_for_update().get(case=case)
    values = conference.own_fields()
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    if set(record.co_organisers.all()) != set(conference.co_organisers):
        changed.append("co_organisers")
    case = case_update(
        actor=actor, case=case, data=data, kind_changed=changed, reopen_confirmed=reopen_confirmed
    )
    columns = [name for name in changed if name != "co_organisers"]
    for name in columns:
        setattr(record, name, values[name])
    due = _due(case, conference)  # a new start, a new authority or a timer the admins changed
    if due != record.dossier_due_on:
        record.dossier_due_on = due
        columns.append("dossier_due_on")
    if columns:
        record.full_clean()
        stamp(record, actor)
        record.save(update_fields=columns)
    if "co_organisers" in changed:
        record.co_organisers.set(conference.co_organisers)
    return case


@transaction.atomic
def consultation_add(*, actor: User, case: Case, agency: Agency, asked_on: datetime.date) -> ConsultedAgency:
    """Ask ``agency`` for its opinion: it is due by the timer, and the agency sees the case."""
    enforce(may_consult(user=actor, case=case))
    if case.consulted_agencies.filter(agency=agency).exists():
        raise ValidationError({"agency": _("This agency has already been asked.")})
    consultation = ConsultedAgency(
        case=case, agency=agency, asked_on=asked_on, due_on=opinion_due(asked_on), recorded_by=actor
    )
    consultation.full_clean()
    stamp(consultation, actor)
    consultation.save()
    sync_host_grants(case=case, actor=actor)
    log_event(
        case=case,
        code=CONSULTED_EVENT,
        actor=actor,
        text=str(agency),
        data={"consultation": consultation.pk, "due_on": consultation.due_on.isoformat()},
    )
    return consultation


@transaction.atomic
def opinion_record(
    *, actor: User, consultation: ConsultedAgency, answered_on: datetime.date, opinion: str
) -> ConsultedAgency:
    consultation = ConsultedAgency.objects.select_for_update().select_related("case").get(pk=consultation.pk)
    enforce(may_record_opinion(user=actor, case=consultation.case))
    if not may_answer_for(user=actor, agency_id=consultation.agency_id):
        raise CaseError(_("You may record only your own agency's opinion."))
    if answered_on < consultation.asked_on:
        raise ValidationError({"answered_on": _("The answer cannot come before the question.")})
    consultation.answered_on, consultation.opinion = answered_on, opinion.strip()
    consultation.full_clean()
    stamp(consultation, actor)
    consultation.save(update_fields=["answered_on", "opinion"])
    log_event(
        case=consultation.case,
        code=OPINION_EVENT,
        actor=actor,
        text=str(consultation.agency),
        data={"consultation": consultation.pk, "answered_on": answered_on.isoformat()},
    )
    return consultation


def consulted_agency_pairs(case_ids: Sequence[int]) -> list[tuple[int, int]]:
    """The agencies asked about these cases see them (``CaseKind.agencies_seeing``)."""
    return list(ConsultedAgency.objects.filter(case_id__in=case_ids).values_list("case_id", "agency_id"))


def police_opinion_given(case: Case) -> str | None:
    """A conference on topics that need the police's opinion is approved only once the police have
    cleared it: a leader's waiver is not enough (the condition of the kind's "approve")."""
    if not Conference.objects.filter(case=case, sensitive_topics=True).exists():
        return None
    last = latest_review(case)
    if last is None or last.status not in Review.DECIDED or last.status == Review.Status.NOT_CLEARED:
        return _("This conference touches topics that need the police's opinion: the police must clear it.")
    return None

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from press.models import KIND, Coverage, PressCard, PressVisit
from press.policy import may_record_coverage
from ttdn.accounts.models import Agency, User
from ttdn.cases.events import log_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Case, Organisation, Person
from ttdn.cases.policy import enforce
from ttdn.cases.services.cases import CaseData, case_create, case_update

# The press visit's own event (registered with the kind, in PressConfig.ready).
COVERAGE_EVENT = "press.coverage"


@dataclass(frozen=True)
class PressData:
    residency: str
    topics: str
    escort_officer: User | None
    request_received_on: datetime.date


@dataclass(frozen=True)
class CardData:
    nationality: str
    passport_number: str
    kind: str
    number: str
    valid_until: datetime.date


def default_co_hosts() -> list[Agency]:
    """The information department and the police work on every press visit."""
    codes = settings.TTDN_PRESS_CO_HOST_CODES
    agencies = list(Agency.objects.filter(code__in=codes, is_active=True))
    police = Agency.provincial_police()
    return agencies + ([police] if police and police not in agencies else [])


def validate_press(*, case_fields: dict[str, object], co_hosts: list[Agency], press: PressData) -> None:
    """The rules of a press visit that its form cannot check alone."""
    counterpart = case_fields.get("counterpart")
    if isinstance(counterpart, Organisation) and counterpart.kind != Organisation.Kind.PRESS:
        raise ValidationError({"counterpart": _("The outlet must be a press organisation.")})
    officer = press.escort_officer
    if officer is not None:
        hosts = {case_fields.get("lead_agency"), *co_hosts}
        office = officer.agency is not None and officer.agency.kind == Agency.Kind.OFFICE
        if not (officer.is_active and (office or officer.agency in hosts)):
            raise ValidationError(
                {
                    "escort_officer": _(
                        "The escort officer must work for the Office or a host agency of this visit."
                    )
                }
            )


def _save_cards(case: Case, cards: list[CardData], actor: User) -> None:
    for card in cards:
        person = Person.objects.filter(nationality=card.nationality).with_passport(card.passport_number).get()
        existing = PressCard.objects.filter(person=person).first() or PressCard(person=person)
        if (existing.kind, existing.number, existing.valid_until) != (
            card.kind,
            card.number,
            card.valid_until,
        ):
            existing.kind, existing.number, existing.valid_until = card.kind, card.number, card.valid_until
            existing.full_clean()
            stamp(existing, actor)
            existing.save()


@transaction.atomic
def press_visit_create(*, actor: User, data: CaseData, press: PressData, cards: list[CardData]) -> Case:
    validate_press(case_fields=data.fields, co_hosts=list(data.co_host_agencies), press=press)
    case = case_create(actor=actor, kind=KIND, data=data)
    visit = PressVisit(case=case, **press.__dict__)
    visit.full_clean()
    stamp(visit, actor)
    visit.save()
    _save_cards(case, cards, actor)
    return case


@transaction.atomic
def press_visit_update(
    *,
    actor: User,
    case: Case,
    data: CaseData,
    press: PressData,
    cards: list[CardData],
    reopen_confirmed: bool = True,
) -> Case:
    """Save the edit of a press visit; its topics and escort officer are part of what the
    police's review covers (the kind's registration names them), as the case's own fields are."""
    validate_press(case_fields=data.fields, co_hosts=list(data.co_host_agencies), press=press)
    case = Case.objects.select_for_update().get(pk=case.pk)  # the case first, as case_update does
    visit = PressVisit.objects.select_for_update().get(case=case)
    changed = [name for name, value in press.__dict__.items() if getattr(visit, name) != value]
    case = case_update(
        actor=actor, case=case, data=data, kind_changed=changed, reopen_confirmed=reopen_confirmed
    )
    for name in changed:
        setattr(visit, name, getattr(press, name))
    if changed:
        visit.full_clean()
        stamp(visit, actor)
        visit.save(update_fields=changed)
    _save_cards(case, cards, actor)
    return case


@transaction.atomic
def coverage_add(*, actor: User, case: Case, coverage: Coverage) -> Coverage:
    enforce(may_record_coverage(user=actor, case=case))
    coverage.case, coverage.recorded_by = case, actor
    coverage.full_clean()
    stamp(coverage, actor)
    coverage.save()
    log_event(
        case=case,
        code=COVERAGE_EVENT,
        actor=actor,
        text=coverage.title,
        data={"coverage": coverage.pk, "published_on": coverage.published_on.isoformat()},
    )
    return coverage


def written_approval(case: Case) -> str | None:
    """No reporting before the written approval: a press visit starts only once approved with
    the number of its decision recorded (the condition of the kind's "start")."""
    if not case.decision_number:
        return _("Reporting may not start before the written approval: record the decision's number first.")
    return None

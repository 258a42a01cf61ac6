"""Writes of outbound delegations: the trip with its case, its members and their passports.
Every function owns its transaction, validates, stamps the history and logs on the case."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from outbound.models import KIND, HeadLevel, Official, OutboundTrip, TripMember, TripPassport
from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce, may_edit
from ttdn.cases.services.cases import CaseData, case_create, case_update

MEMBER_ADDED, MEMBER_REMOVED = "outbound.member_added", "outbound.member_removed"
PASSPORT_RECORDED = "outbound.passport_recorded"


@dataclass(frozen=True)
class TripData:
    head_level: HeadLevel
    funding: str
    decision_authority: str = ""
    funding_note: str = ""
    partners_met: str = ""
    mission_abroad: str = ""
    materials_carried: str = ""
    gifts_carried: str = ""

    def values(self) -> dict[str, object]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


@dataclass(frozen=True)
class PassportData:
    kind: str
    number: str
    handed_out_on: datetime.date | None = None
    handed_back_on: datetime.date | None = None
    keeper: str = ""


def _outbound(data: CaseData) -> CaseData:
    """An outbound delegation travels abroad, whatever the form sent; its members are officials,
    never foreign participants (the participants are left as they are)."""
    return CaseData(
        fields={**data.fields, "direction": Case.Direction.OUTBOUND},
        co_host_agencies=data.co_host_agencies,
        participants=None,
        programme=data.programme,
        extra=data.extra,
    )


@transaction.atomic
def outbound_trip_create(*, actor: User, data: CaseData, trip: TripData) -> Case:
    case = case_create(actor=actor, kind=KIND, data=_outbound(data))
    record = OutboundTrip(case=case, **trip.values())
    record.full_clean()
    stamp(record, actor)
    record.save()
    return case


@transaction.atomic
def outbound_trip_update(
    *, actor: User, case: Case, data: CaseData, trip: TripData, reopen_confirmed: bool = True
) -> Case:
    """Save the edit of a trip; the materials and gifts carried are part of what the police's
    review covers (the kind's registration names them)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    record = OutboundTrip.objects.select_for_update().get(case=case)
    values = trip.values()
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    case = case_update(
        actor=actor, case=case, data=_outbound(data), kind_changed=changed, reopen_confirmed=reopen_confirmed
    )
    if changed:
        for name in changed:
            setattr(record, name, values[name])
        record.full_clean()
        stamp(record, actor)
        record.save(update_fields=[f"{name}_id" if name == "head_level" else name for name in changed])
    return case


@transaction.atomic
def official_create(*, actor: User, official: Official) -> Official:
    official.full_clean()
    stamp(official, actor)
    official.save()
    return official


@transaction.atomic
def member_add(*, actor: User, case: Case, official: Official, role: str) -> TripMember:
    """Add ``official`` to the trip; an official new to the registry (unsaved) is saved with it."""
    enforce(may_edit(user=actor, case=case))
    trip = OutboundTrip.objects.select_for_update().get(case=case)
    if official.pk is None:
        official_create(actor=actor, official=official)
    member = TripMember(trip=trip, official=official, role=role)
    member.full_clean()
    stamp(member, actor)
    member.save()
    log_event(case=case, code=MEMBER_ADDED, actor=actor, text=official.full_name, data={"member": member.pk})
    return member


@transaction.atomic
def member_remove(*, actor: User, case: Case, member: TripMember) -> None:
    enforce(may_edit(user=actor, case=case))
    member = TripMember.objects.select_for_update().select_related("official").get(pk=member.pk)
    if hasattr(member, "passport") and member.passport.handed_out_on and not member.passport.handed_back_on:
        raise CaseError(_("This member's passport has not been handed back yet."))
    name = member.official.full_name
    stamp(member, actor)
    member.delete()
    log_event(case=case, code=MEMBER_REMOVED, actor=actor, text=name)


@transaction.atomic
def passport_save(*, actor: User, case: Case, member: TripMember, data: PassportData) -> TripPassport:
    """Record (or correct) the passport ``member`` travels on, and its handing out and back."""
    enforce(may_edit(user=actor, case=case))
    passport = TripPassport.objects.select_for_update().filter(member=member).first() or TripPassport(
        member=member
    )
    for name, value in data.__dict__.items():
        setattr(passport, name, value)
    passport.full_clean()
    stamp(passport, actor)
    passport.save()
    log_event(
        case=case,
        code=PASSPORT_RECORDED,
        actor=actor,
        text=member.official.full_name,
        data={"passport": passport.pk, "handed_back": bool(passport.handed_back_on)},
    )
    return passport


def passports_clear(cases: QuerySet[Case]) -> int:
    """Retention (``CaseKind.retention_clear``): the passport numbers of the trips past their
    period are cleared (their kind and dates stay; the history never held the numbers)."""
    return (
        TripPassport.objects.filter(member__trip__case__in=cases)
        .exclude(number_hash="")
        .update(number="", number_hash="")
    )

"""What the outbound panels of the case page need: the trip, its members with their passports
(the numbers masked for whoever may not see identity data), and when the passports and the report
are due back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from outbound.deadlines import passport_return_due
from outbound.models import OutboundTrip, TripMember
from ttdn.cases.identity import identity_visible, mask_passport
from ttdn.cases.models import Case
from ttdn.cases.services.post_visit import report_due_date


@dataclass(frozen=True)
class MemberRow:
    member: TripMember
    passport_kind: str
    passport_number: str  # masked unless the reader may see identity data
    handed_out_on: Any
    handed_back_on: Any
    keeper: str
    outstanding: bool  # handed out and not back yet


def member_rows(*, case: Case, visible: bool) -> list[MemberRow]:
    rows = []
    members = TripMember.objects.filter(trip__case=case).select_related("official__agency", "passport")
    for member in members:
        passport = getattr(member, "passport", None)
        if passport is None:
            rows.append(MemberRow(member, "", "", None, None, "", False))
            continue
        rows.append(
            MemberRow(
                member,
                passport.get_kind_display(),
                passport.number if visible else mask_passport(passport.number),
                passport.handed_out_on,
                passport.handed_back_on,
                passport.keeper,
                bool(passport.handed_out_on and not passport.handed_back_on),
            )
        )
    return rows


def outbound_detail_context(case: Case, user: Any) -> dict[str, Any]:
    trip = OutboundTrip.objects.select_related("head_level").get(case=case)
    return {
        "outbound_trip": trip,
        "outbound_members": member_rows(case=case, visible=identity_visible(user=user, case=case)),
        "passport_return_due": passport_return_due(start=case.start_date, end=case.end_date),
        "outbound_report_due": report_due_date(case),
    }


def document_people(case: Case) -> list[dict[str, str]]:
    """The members as the documents list people (``CaseKind.document_people``): the head first."""
    members = TripMember.objects.filter(trip__case=case).select_related("official__agency")
    return [
        {
            "is_head": "yes" if member.role == TripMember.Role.HEAD else "",
            "name": member.official.full_name,
            "role": member.get_role_display(),
            "position": member.official.position,
            "organisation": member.official.agency.name,
            "country": str(_("Viet Nam")),
        }
        for member in members
    ]

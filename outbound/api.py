"""``/api/v1/outbound-trips/`` (read only): the shared case fields, the trip's, and its members
with the passports they travel on (numbers masked unless the reader may see identity data)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from outbound.models import KIND, TripMember
from ttdn.api.cases import CaseSerializer, CaseViewSet
from ttdn.cases.identity import mask_passport
from ttdn.cases.models import Case


class MemberSerializer(serializers.Serializer):
    full_name = serializers.CharField(read_only=True)
    position = serializers.CharField(read_only=True)
    agency = serializers.CharField(read_only=True, help_text="The agency's code.")
    role = serializers.ChoiceField(choices=TripMember.Role.choices, read_only=True)
    passport_kind = serializers.CharField(read_only=True, allow_null=True)
    passport_number = serializers.CharField(read_only=True, allow_null=True)
    passport_handed_out_on = serializers.DateField(read_only=True, allow_null=True)
    passport_handed_back_on = serializers.DateField(read_only=True, allow_null=True)


class OutboundTripSerializer(CaseSerializer):
    kind = serializers.CharField(read_only=True)
    head_level = serializers.CharField(read_only=True)
    decision_authority = serializers.CharField(read_only=True)
    funding = serializers.CharField(read_only=True)
    funding_note = serializers.CharField(read_only=True)
    partners_met = serializers.CharField(read_only=True)
    mission_abroad = serializers.CharField(read_only=True)
    materials_carried = serializers.CharField(read_only=True)
    gifts_carried = serializers.CharField(read_only=True)
    members = MemberSerializer(many=True, read_only=True)

    def kind_fields(self, case: Case) -> dict[str, Any]:
        trip = case.outbound_trip
        shown = case.pk in self._identity_shown(case)
        return {
            "head_level": trip.head_level.name,
            "decision_authority": trip.deciding_authority,
            "funding": trip.funding,
            "funding_note": trip.funding_note,
            "partners_met": trip.partners_met,
            "mission_abroad": trip.mission_abroad,
            "materials_carried": trip.materials_carried,
            "gifts_carried": trip.gifts_carried,
            "members": [_member(member, shown) for member in trip.members.all()],
        }


def _member(member: TripMember, shown: bool) -> dict[str, Any]:
    passport = getattr(member, "passport", None)
    return {
        "full_name": member.official.full_name,
        "position": member.official.position,
        "agency": member.official.agency.code,
        "role": member.role,
        "passport_kind": passport.kind if passport else None,
        "passport_number": (passport.number if shown else mask_passport(passport.number))
        if passport
        else None,
        "passport_handed_out_on": passport.handed_out_on.isoformat()
        if passport and passport.handed_out_on
        else None,
        "passport_handed_back_on": passport.handed_back_on.isoformat()
        if passport and passport.handed_back_on
        else None,
    }


class OutboundTripViewSet(CaseViewSet):
    serializer_class = OutboundTripSerializer
    case_kind = KIND

    def get_queryset(self) -> QuerySet[Case]:
        members = TripMember.objects.select_related("official__agency", "passport")
        return (
            super()
            .get_queryset()
            .select_related("outbound_trip__head_level")
            .prefetch_related(Prefetch("outbound_trip__members", queryset=members))
        )

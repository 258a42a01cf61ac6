"""``/api/v1/press-visits/``: the shared case fields, plus residency, topics, escort officer and
the coverage published."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from press.models import PressCard, PressVisit
from press.services import CardData, PressData, press_visit_create, press_visit_update
from ttdn.accounts.models import User
from ttdn.api.cases import CaseSerializer, ParticipantSerializer, WritableCaseViewSet
from ttdn.cases.models import Case, Participant
from ttdn.cases.services.cases import CaseData


class CoverageSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    outlet = serializers.CharField(read_only=True)
    published_on = serializers.DateField(read_only=True)
    url = serializers.CharField(read_only=True)


CREW_ROLES = [
    Participant.Role.REPORTER, Participant.Role.CAMERA, Participant.Role.PRODUCER, Participant.Role.INTERPRETER,
    Participant.Role.HEAD,
]  # fmt: skip


class CrewSerializer(ParticipantSerializer):
    """A member of the crew, as on the press visit page: passport, role in the crew, and the
    press card or permit that lets them report (written only: cards are shown on the page)."""

    passport_number = serializers.CharField(max_length=32)
    role = serializers.ChoiceField(choices=CREW_ROLES, required=False)
    card_kind = serializers.ChoiceField(choices=PressCard.Kind.choices, write_only=True)
    card_number = serializers.CharField(max_length=64, write_only=True)
    card_valid_until = serializers.DateField(write_only=True)


class PressVisitSerializer(CaseSerializer):
    participants = CrewSerializer(many=True, required=False)
    kind = serializers.CharField(read_only=True)
    residency = serializers.ChoiceField(choices=PressVisit.Residency.choices)
    topics = serializers.CharField()
    escort_officer = serializers.CharField(required=False, allow_null=True)
    coverage = CoverageSerializer(many=True, read_only=True)

    def kind_fields(self, case: Case) -> dict[str, Any]:
        visit = case.press_visit
        return {
            "residency": visit.residency,
            "topics": visit.topics,
            "escort_officer": visit.escort_officer.username if visit.escort_officer else None,
            "coverage": [
                {
                    "title": c.title,
                    "outlet": c.outlet,
                    "published_on": c.published_on.isoformat(),
                    "url": c.url,
                }
                for c in case.coverage.all()
            ],
        }


class PressVisitViewSet(WritableCaseViewSet):
    serializer_class = PressVisitSerializer
    case_kind = "press"

    def _press(self, values: dict[str, Any], received: datetime.date) -> PressData:
        escort = None
        if values.get("escort_officer"):
            escort = User.objects.filter(username=values["escort_officer"], is_active=True).first()
            if escort is None:
                raise ValidationError({"escort_officer": [_("No active user has this user name.")]})
        return PressData(
            residency=values["residency"],
            topics=values["topics"],
            escort_officer=escort,
            request_received_on=received,
        )

    def _cards(self, values: dict[str, Any]) -> list[CardData]:
        """The crew's cards; each must be valid until the visit ends, as on the page."""
        cards = []
        for row in values.get("participants", []):
            if row["card_valid_until"] < values["end_date"]:
                message = _("The card or permit of %(name)s ends before the visit does.") % {
                    "name": row["full_name"]
                }
                raise ValidationError({"participants": [message]})
            cards.append(
                CardData(row["nationality"].upper(), row["passport_number"], row["card_kind"], row["card_number"],
                         row["card_valid_until"])
            )  # fmt: skip
        return cards

    def create_case(self, actor: User, data: CaseData, values: dict[str, Any]) -> Case:
        press = self._press(values, timezone.localdate())
        return press_visit_create(actor=actor, data=data, press=press, cards=self._cards(values))

    def update_case(self, actor: User, case: Case, data: CaseData, values: dict[str, Any]) -> Case:
        press = self._press(values, case.press_visit.request_received_on)
        return press_visit_update(actor=actor, case=case, data=data, press=press, cards=self._cards(values))

    def current_kind_values(self, case: Case) -> dict[str, Any]:
        visit = case.press_visit
        return {
            "residency": visit.residency,
            "topics": visit.topics,
            "escort_officer": visit.escort_officer.username if visit.escort_officer else None,
        }

    def get_queryset(self) -> QuerySet[Case]:
        return (
            super().get_queryset().select_related("press_visit__escort_officer").prefetch_related("coverage")
        )

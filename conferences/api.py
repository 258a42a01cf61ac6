"""``/api/v1/conferences/``: the shared case fields, plus the conference's own (its form ``mode``
in place of the case's, mixed included), and the agencies consulted with their answers. A
conference is held in the province: its ``direction`` is always inbound."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from conferences.models import KIND, ApprovalRule, Conference
from conferences.services import ConferenceData, conference_create, conference_update
from ttdn.accounts.models import User
from ttdn.api.cases import CaseSerializer, WritableCaseViewSet
from ttdn.cases.models import Case, Organisation
from ttdn.cases.services.cases import CaseData


class ConsultedAgencySerializer(serializers.Serializer):
    agency = serializers.CharField(read_only=True)
    asked_on = serializers.DateField(read_only=True)
    due_on = serializers.DateField(read_only=True)
    answered_on = serializers.DateField(read_only=True, allow_null=True)
    opinion = serializers.CharField(read_only=True)


class ConferenceSerializer(CaseSerializer):
    kind = serializers.CharField(read_only=True)
    mode = serializers.ChoiceField(choices=Conference.Mode.choices)
    organiser = serializers.CharField(max_length=255)
    co_organisers = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Ids of foreign organisations."
    )
    topic = serializers.CharField()
    venue = serializers.CharField(max_length=255)
    foreign_participants = serializers.IntegerField(min_value=0)
    vietnamese_participants = serializers.IntegerField(min_value=0)
    funding = serializers.ChoiceField(choices=Conference.Funding.choices)
    foreign_funding_amount = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, help_text="Whole đồng (VND)."
    )
    funding_note = serializers.CharField(required=False, allow_blank=True)
    sensitive_topics = serializers.BooleanField(required=False)
    sensitive_note = serializers.CharField(required=False, allow_blank=True)
    approval_rule = serializers.IntegerField(help_text="Id of the approval rule (the admins' list).")
    dossier_submitted_on = serializers.DateField(required=False, allow_null=True)
    dossier_due_on = serializers.DateField(read_only=True, allow_null=True)
    consulted_agencies = ConsultedAgencySerializer(many=True, read_only=True)

    def kind_fields(self, case: Case) -> dict[str, Any]:
        record = case.conference
        return {
            **conference_values(record),
            "dossier_submitted_on": record.dossier_submitted_on.isoformat()
            if record.dossier_submitted_on
            else None,
            "dossier_due_on": record.dossier_due_on.isoformat() if record.dossier_due_on else None,
            "consulted_agencies": [
                {
                    "agency": str(consultation.agency),
                    "asked_on": consultation.asked_on.isoformat(),
                    "due_on": consultation.due_on.isoformat(),
                    "answered_on": consultation.answered_on.isoformat() if consultation.answered_on else None,
                    "opinion": consultation.opinion,
                }
                for consultation in case.consulted_agencies.all()
            ],
        }


def conference_values(record: Conference) -> dict[str, Any]:
    """The conference's own fields as API input, for a PATCH to complete."""
    return {
        "organiser": record.organiser,
        "co_organisers": sorted(organisation.pk for organisation in record.co_organisers.all()),
        "topic": record.topic,
        "venue": record.venue,
        "mode": record.mode,
        "foreign_participants": record.foreign_participants,
        "vietnamese_participants": record.vietnamese_participants,
        "funding": record.funding,
        "foreign_funding_amount": record.foreign_funding_amount,
        "funding_note": record.funding_note,
        "sensitive_topics": record.sensitive_topics,
        "sensitive_note": record.sensitive_note,
        "approval_rule": record.approval_rule_id,
        "dossier_submitted_on": record.dossier_submitted_on,
    }


def _conference(values: dict[str, Any]) -> ConferenceData:
    rule = ApprovalRule.objects.filter(pk=values["approval_rule"]).first()
    if rule is None:
        raise ValidationError({"approval_rule": [_("No approval rule has this id.")]})
    wanted = set(values.get("co_organisers") or ())
    organisations = tuple(Organisation.objects.filter(pk__in=wanted))
    if len(organisations) != len(wanted):
        raise ValidationError({"co_organisers": [_("No organisation has one of these ids.")]})
    return ConferenceData.from_values(values, co_organisers=organisations, approval_rule=rule)


class ConferenceViewSet(WritableCaseViewSet):
    serializer_class = ConferenceSerializer
    case_kind = KIND

    def create_case(self, actor: User, data: CaseData, values: dict[str, Any]) -> Case:
        return conference_create(actor=actor, data=data, conference=_conference(values))

    def update_case(self, actor: User, case: Case, data: CaseData, values: dict[str, Any]) -> Case:
        return conference_update(actor=actor, case=case, data=data, conference=_conference(values))

    def current_kind_values(self, case: Case) -> dict[str, Any]:
        return conference_values(case.conference)

    def get_queryset(self) -> QuerySet[Case]:
        return (
            super()
            .get_queryset()
            .select_related("conference")
            .prefetch_related("conference__co_organisers", "consulted_agencies__agency")
        )

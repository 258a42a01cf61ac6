from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ttdn.accounts.models import Agency, User
from ttdn.accounts.two_factor import second_factor_match, two_factor_enrolled, two_factor_required_by_role
from ttdn.cases.models import Case, FollowUp, Review
from ttdn.cases.models.event import TEXT_MAX_LENGTH
from ttdn.cases.review_checklist import checklist_names
from ttdn.notifications.messages import render
from ttdn.notifications.models import Notification
from ttdn.reports.periods import Basis


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_(
            "The code of the user's authenticator app (or a backup code): required for admins, police "
            "and leaders, and for anyone who turned two-step sign-in on."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Django's request, not DRF's wrapper: django-axes marks a lockout on it for its middleware.
        request = self.context["request"]._request
        user = authenticate(request, username=attrs["username"], password=attrs["password"])
        if not isinstance(user, User) or not user.is_active:
            raise serializers.ValidationError(_("Wrong user name or password."), code="authorization")
        if two_factor_required_by_role(user) or two_factor_enrolled(user):
            if not two_factor_enrolled(user):
                raise serializers.ValidationError(
                    {"otp": _("Set up two-step sign-in on the site first (sign in there once).")},
                    code="authorization",
                )
            if second_factor_match(user, attrs.get("otp", "")) is None:
                raise serializers.ValidationError(
                    {"otp": _("Give the current code of your authenticator app, or a backup code.")},
                    code="authorization",
                )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class AgencySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Agency
        fields = ["code", "name", "kind"]


class NotificationSerializer(serializers.ModelSerializer):
    message = serializers.SerializerMethodField()
    case: serializers.PrimaryKeyRelatedField[Case] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "case", "created_at", "read", "read_at"]

    def get_message(self, notification: Notification) -> str:
        return render(notification)

    def get_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class FollowUpSerializer(serializers.ModelSerializer):
    case: serializers.PrimaryKeyRelatedField[Case] = serializers.PrimaryKeyRelatedField(read_only=True)
    reference = serializers.CharField(source="case.reference", read_only=True)
    assignee_user: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    assignee_agency: serializers.SlugRelatedField[Agency] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = FollowUp
        fields = [
            "id", "case", "reference", "kind", "title", "assignee_user", "assignee_agency", "due_date",
            "status", "result", "closed_at",
        ]  # fmt: skip
        read_only_fields = fields


class FollowUpCloseSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[FollowUp.Status.DONE, FollowUp.Status.CANCELLED])
    result = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)


class ReportQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(required=False, min_value=1, max_value=4)
    half = serializers.IntegerField(required=False, min_value=1, max_value=2)
    basis = serializers.ChoiceField(choices=Basis.choices, required=False, default=Basis.CALENDAR)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("start"), attrs.get("end")
        if (start is None) != (end is None):
            raise serializers.ValidationError(_("Give both dates of the period."))
        if start and end and end < start:
            raise serializers.ValidationError(_("The end of the period is before its start."))
        if start and end and ((end - start).days > 3 * 366 or start.year < 2000 or end.year > 2100):
            raise serializers.ValidationError(_("A period is at most three years, between 2000 and 2100."))
        if attrs.get("quarter") and attrs.get("half"):
            raise serializers.ValidationError(_("Give a quarter or a half-year, not both."))
        if start and (attrs.get("year") or attrs.get("quarter") or attrs.get("half")):
            raise serializers.ValidationError(_("Give the year (and quarter) or two dates, not both."))
        if not start and not attrs.get("year"):
            raise serializers.ValidationError(_("Give the year (and quarter) or two dates."))
        return attrs


class TransitionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)


class CaseStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    case = serializers.IntegerField(source="case_id", read_only=True)
    reference = serializers.CharField(source="case.reference", read_only=True)
    number = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True)
    due_date = serializers.DateField(read_only=True)
    assigned_to = serializers.CharField(
        source="assigned_to.username", read_only=True, allow_null=True, default=None
    )
    checklist = serializers.SerializerMethodField()
    conditions = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)
    questions = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_checklist(self, review: Review) -> dict[str, bool]:
        return review.checklist

    def get_questions(self, review: Review) -> list[dict[str, Any]]:
        return [
            {"text": q.text, "asked_at": q.asked_at, "answer": q.answer, "answered_at": q.answered_at}
            for q in review.questions.all()
        ]


class ReviewDecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[Review.Status.MORE_INFO, *Review.DECIDED])
    conditions = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH
    )
    questions = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)
    checklist = serializers.DictField(child=serializers.BooleanField(), required=False, default=dict)

    def validate_checklist(self, value: dict[str, bool]) -> dict[str, bool]:
        """The items of the review's case's kind (the view gives the kind in the context)."""
        known = checklist_names(self.context["kind"])
        unknown = set(value) - set(known)
        if unknown:
            raise serializers.ValidationError(
                _("Unknown items: %(items)s; the checklist has %(known)s.")
                % {"items": ", ".join(sorted(unknown)), "known": ", ".join(known)}
            )
        return value

    def text(self) -> str:
        data = self.validated_data
        by_outcome = {
            Review.Status.MORE_INFO: data["questions"],
            Review.Status.CLEARED_WITH_CONDITIONS: data["conditions"],
            Review.Status.NOT_CLEARED: data["reason"] or data["conditions"],
        }
        return str(by_outcome.get(data["outcome"], ""))

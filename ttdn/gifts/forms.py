"""The gifts register's forms: a gift given, a gift received, and its declaration and hand-in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import User
from ttdn.cases.models import Case, Organisation, Participant
from ttdn.forms import DateInput, Searchable
from ttdn.gifts.models import FundingSource, GiftGiven, GiftReceived


def _participants(case: Case) -> Any:
    return Participant.objects.filter(case=case).select_related("person").order_by("order", "pk")


class ParticipantChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.person} · {obj.get_role_display()}"


class GiftGivenForm(forms.ModelForm):
    class Meta:
        model = GiftGiven
        fields = [
            "participant",
            "recipient_text",
            "description",
            "quantity",
            "value",
            "budget_line",
            "budget_line_text",
            "approved_by",
            "given_on",
        ]
        field_classes = {"participant": ParticipantChoice}
        widgets = {"given_on": DateInput()}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.case = case
        self.fields["participant"].queryset = _participants(case)  # type: ignore[attr-defined]
        sources = FundingSource.objects.filter(active=True)
        if self.instance.budget_line_id:
            sources = FundingSource.objects.filter(pk=self.instance.budget_line_id) | sources
        self.fields["budget_line"].queryset = sources  # type: ignore[attr-defined]


class GiftReceivedForm(forms.ModelForm):
    class Meta:
        model = GiftReceived
        fields = [
            "from_participant",
            "from_organisation",
            "from_text",
            "recipient_user",
            "recipient_name",
            "description",
            "estimated_value",
            "received_on",
        ]
        field_classes = {"from_participant": ParticipantChoice}
        widgets = {"received_on": DateInput(), "from_organisation": Searchable, "recipient_user": Searchable}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.case = case
        self.fields["from_participant"].queryset = _participants(case)  # type: ignore[attr-defined]
        self.fields["from_organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["recipient_user"].queryset = User.objects.filter(is_active=True).order_by(  # type: ignore[attr-defined]
            "last_name", "first_name", "username"
        )


class HandInForm(forms.ModelForm):
    class Meta:
        model = GiftReceived
        fields = ["declared_on", "handed_in_on", "handed_to", "decision", "notes"]
        widgets = {
            "declared_on": DateInput(),
            "handed_in_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"handed_in_on": _("Once it is handed in, no more reminders are sent.")}

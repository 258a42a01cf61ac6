from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.models import ApprovalRule, Conference, ConsultedAgency
from conferences.services import ConferenceData, case_mode
from ttdn.accounts.models import Agency
from ttdn.cases.forms import CaseEditor, CaseForm, DateInput
from ttdn.cases.models import Case, Organisation
from ttdn.forms import make_searchable

# The conference's own fields, as the form names them (the model's names).
OWN_FIELDS = (
    "organiser", "co_organisers", "topic", "venue", "foreign_participants", "vietnamese_participants",
    "funding", "foreign_funding_amount", "funding_note", "sensitive_topics", "sensitive_note", "approval_rule",
    "dossier_submitted_on",
)  # fmt: skip


class ConferenceFields(forms.ModelForm):
    """The conference record's fields, borrowed by the case form (one page, one service call)."""

    class Meta:
        model = Conference
        fields = list(OWN_FIELDS)
        widgets = {
            "topic": forms.Textarea(attrs={"rows": 2}),
            "funding_note": forms.Textarea(attrs={"rows": 2}),
            "sensitive_note": forms.Textarea(attrs={"rows": 2}),
            "dossier_submitted_on": DateInput(),
        }


class ConferenceForm(CaseForm):
    field_order = ["title", *OWN_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and hasattr(instance, "conference"):
            record = instance.conference
            kwargs["initial"] = {
                **(kwargs.get("initial") or {}),
                **{name: getattr(record, name) for name in OWN_FIELDS if name != "co_organisers"},
                "co_organisers": [organisation.pk for organisation in record.co_organisers.all()],
                "approval_rule": record.approval_rule_id,
                "mode": record.mode,
            }
        super().__init__(*args, **kwargs)
        own = ConferenceFields().fields
        for name in OWN_FIELDS:
            self.fields[name] = own[name]
        self.order_fields(self.field_order)
        cast(forms.ModelChoiceField, self.fields["approval_rule"]).queryset = ApprovalRule.objects.filter(
            is_active=True
        )
        cast(
            forms.ModelMultipleChoiceField, self.fields["co_organisers"]
        ).queryset = Organisation.objects.order_by("name")
        make_searchable(self.fields["co_organisers"])
        # Held in the province: an inbound case (the service sets it whatever is sent).
        cast(forms.ChoiceField, self.fields["direction"]).choices = [
            (Case.Direction.INBOUND.value, Case.Direction.INBOUND.label)
        ]
        # The conference's form (mixed included) in place of the case's mode, which follows it.
        self.fields["mode"] = forms.ChoiceField(
            label=_("form of the conference"), choices=Conference.Mode.choices
        )

    def case_fields(self) -> dict[str, Any]:
        fields = super().case_fields()
        fields["mode"] = case_mode(self.cleaned_data["mode"])
        return fields

    def conference_data(self) -> ConferenceData:
        c = self.cleaned_data
        return ConferenceData.from_values(
            c, co_organisers=tuple(c.get("co_organisers") or ()), approval_rule=c["approval_rule"]
        )


class ConferenceEditor(CaseEditor):
    form_class = ConferenceForm


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = ConsultedAgency
        fields = ["agency", "asked_on"]
        widgets = {"asked_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = Agency.objects.filter(is_active=True)
        make_searchable(self.fields["agency"])

    def _post_clean(self) -> None:
        pass  # the service validates the consultation, with its due date


class OpinionForm(forms.Form):
    answered_on = forms.DateField(label=_("answered on"), widget=DateInput())
    opinion = forms.CharField(label=_("opinion"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from press.models import Coverage, PressCard, PressVisit
from press.services import CardData, PressData
from ttdn.accounts.models import User
from ttdn.cases.forms import (
    BaseParticipantFormSet,
    CaseEditor,
    CaseForm,
    DateInput,
    ParticipantForm,
)
from ttdn.cases.models import Organisation, Participant


class PressVisitForm(CaseForm):
    residency = forms.ChoiceField(label=_("residency"), choices=PressVisit.Residency.choices)
    topics = forms.CharField(label=_("topics"), widget=forms.Textarea(attrs={"rows": 2}))
    escort_officer = forms.ModelChoiceField(
        label=_("escort officer"), queryset=User.objects.none(), required=False
    )
    request_received_on = forms.DateField(label=_("request received on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and hasattr(instance, "press_visit"):
            visit = instance.press_visit
            kwargs["initial"] = {
                **(kwargs.get("initial") or {}),
                "residency": visit.residency,
                "topics": visit.topics,
                "escort_officer": visit.escort_officer_id,
                "request_received_on": visit.request_received_on,
            }
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["escort_officer"]).queryset = User.objects.filter(
            is_active=True, agency__isnull=False
        ).order_by("full_name")
        cast(forms.ModelChoiceField, self.fields["counterpart"]).queryset = Organisation.objects.filter(
            kind=Organisation.Kind.PRESS
        )
        self.fields["counterpart"].label = _("Outlet")
        self.fields["counterpart_kind"].initial = Organisation.Kind.PRESS

    def press_data(self) -> PressData:
        c = self.cleaned_data
        return PressData(
            residency=c["residency"],
            topics=c["topics"].strip(),
            escort_officer=c.get("escort_officer"),
            request_received_on=c["request_received_on"],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("counterpart_name") and cleaned.get("counterpart_kind") != Organisation.Kind.PRESS:
            self.add_error("counterpart_kind", _("The outlet must be a press organisation."))
        return cleaned


class CrewForm(ParticipantForm):
    """A member of the crew, with the press card or permit that lets them report."""

    card_kind = forms.ChoiceField(
        label=_("card or permit"), choices=PressCard.Kind.choices, initial=PressCard.Kind.PERMIT
    )
    card_number = forms.CharField(label=_("card or permit number"), max_length=64)
    card_valid_until = forms.DateField(label=_("card or permit valid until"), widget=DateInput())

    passport_required = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (role.value, role.label)
            for role in (
                Participant.Role.REPORTER,
                Participant.Role.CAMERA,
                Participant.Role.PRODUCER,
                Participant.Role.INTERPRETER,
                Participant.Role.HEAD,
            )
        ]
        self.fields["role"].initial = Participant.Role.REPORTER


class BaseCrewFormSet(BaseParticipantFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors) or not self.visit:
            return
        for form in self.live_forms():
            valid_until = form.cleaned_data.get("card_valid_until")
            if valid_until and valid_until < self.visit[1]:
                form.add_error(
                    "card_valid_until",
                    _("The card or permit ends on %(date)s, before the visit does.")
                    % {"date": valid_until.strftime("%d/%m/%Y")},
                )

    def cards(self) -> list[CardData]:
        return [
            CardData(
                nationality=form.cleaned_data["nationality"],
                passport_number=form.cleaned_data["passport_number"],
                kind=form.cleaned_data["card_kind"],
                number=form.cleaned_data["card_number"].strip(),
                valid_until=form.cleaned_data["card_valid_until"],
            )
            for form in self.live_forms()
        ]


CrewFormSet = cast(
    type[BaseCrewFormSet],
    forms.formset_factory(CrewForm, formset=BaseCrewFormSet, extra=3, can_delete=True, max_num=50),
)


class PressEditor(CaseEditor):
    form_class = PressVisitForm
    participant_formset_class = CrewFormSet

    def participant_initial(self, participant: Participant) -> dict[str, Any]:
        row = super().participant_initial(participant)
        card = PressCard.objects.filter(person=participant.person).first()
        if card is not None:
            row.update(card_kind=card.kind, card_number=card.number, card_valid_until=card.valid_until)
        return row


class CoverageForm(forms.ModelForm):
    # Declared here (not generated from the model) so that an address typed without its scheme
    # is taken as https, Django 6's default, without the deprecation warning.
    url = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Coverage
        fields = ["title", "outlet", "published_on", "language"]
        widgets = {"published_on": DateInput()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.instance.url = cleaned.get("url") or ""
        return cleaned

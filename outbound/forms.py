from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from outbound.models import HeadLevel, Official, OutboundTrip, TripMember, TripPassport
from outbound.services import PassportData, TripData
from ttdn.accounts.models import Agency
from ttdn.cases.forms import CaseEditor, CaseForm
from ttdn.forms import DateInput, make_searchable

TRIP_FIELDS = [
    "head_level",
    "decision_authority",
    "funding",
    "funding_note",
    "partners_met",
    "mission_abroad",
    "materials_carried",
    "gifts_carried",
]


class OutboundForm(CaseForm):
    """The case's fields (an outbound delegation has no direction to choose) and the trip's."""

    head_level = forms.ModelChoiceField(label=_("level of the head"), queryset=HeadLevel.objects.all())
    decision_authority = forms.CharField(
        label=_("authority that decided"),
        required=False,
        max_length=255,
        help_text=_("Empty: the authority the level of the head names."),
    )
    funding = forms.ChoiceField(label=_("funding source"), choices=OutboundTrip.Funding.choices)
    funding_note = forms.CharField(label=_("funding note"), required=False, max_length=255)
    partners_met = forms.CharField(
        label=_("partners met"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    mission_abroad = forms.CharField(
        label=_("Vietnamese mission abroad contacted"), required=False, max_length=255
    )
    materials_carried = forms.CharField(
        label=_("materials carried"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Titles only: never the content of a classified document."),
    )
    gifts_carried = forms.CharField(
        label=_("gifts carried"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and hasattr(instance, "outbound_trip"):
            trip = instance.outbound_trip
            kwargs["initial"] = {
                **(kwargs.get("initial") or {}),
                **{name: getattr(trip, name) for name in TRIP_FIELDS if name != "head_level"},
                "head_level": trip.head_level_id,
            }
        super().__init__(*args, **kwargs)
        del self.fields["direction"]  # always outbound (the service sets it)
        del self.fields["guest_language"]  # no foreign guests' print-outs (the case keeps its default)
        self.fields["countries"].required = True
        self.fields["countries"].help_text = _("The countries the delegation travels to.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("funding") == OutboundTrip.Funding.OTHER and not cleaned.get("funding_note"):
            self.add_error("funding_note", _("Say how the trip is paid for."))
        return cleaned

    def trip_data(self) -> TripData:
        return TripData(**{name: self.cleaned_data[name] for name in TRIP_FIELDS})


class OutboundEditor(CaseEditor):
    form_class = OutboundForm


class MemberForm(forms.Form):
    """A member: an official of the registry, or a new one entered here."""

    official = forms.ModelChoiceField(
        label=_("official"), queryset=Official.objects.select_related("agency"), required=False
    )
    full_name = forms.CharField(label=_("or a new official: full name"), required=False, max_length=255)
    position = forms.CharField(label=_("position"), required=False, max_length=255)
    agency = forms.ModelChoiceField(
        label=_("agency"), queryset=Agency.objects.filter(is_active=True), required=False
    )
    role = forms.ChoiceField(label=_("role"), choices=TripMember.Role.choices, initial=TripMember.Role.MEMBER)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        make_searchable(self.fields["official"])
        make_searchable(self.fields["agency"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("official") and cleaned.get("full_name"):
            self.add_error("full_name", _("Choose an official of the registry or enter a new one, not both."))
        elif not cleaned.get("official"):
            if not cleaned.get("full_name"):
                self.add_error("official", _("Choose an official, or enter a new one."))
            elif not cleaned.get("agency"):
                self.add_error("agency", _("Needed for a new official."))
        return cleaned

    def new_official(self) -> Official | None:
        if self.cleaned_data.get("official"):
            return None
        return Official(
            full_name=self.cleaned_data["full_name"].strip(),
            position=self.cleaned_data["position"].strip(),
            agency=self.cleaned_data["agency"],
        )


class PassportForm(forms.ModelForm):
    class Meta:
        model = TripPassport
        fields = ["kind", "number", "handed_out_on", "handed_back_on", "keeper"]
        widgets = {"handed_out_on": DateInput(), "handed_back_on": DateInput()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        out, back = cleaned.get("handed_out_on"), cleaned.get("handed_back_on")
        if back and not out:
            self.add_error("handed_out_on", _("A passport is handed back after it is handed out."))
        elif out and back and back < out:
            self.add_error("handed_back_on", _("A passport is handed back after it is handed out."))
        return cleaned

    def _post_clean(self) -> None:
        pass  # validated and saved by the service

    def passport_data(self) -> PassportData:
        values = self.cleaned_data
        return PassportData(
            kind=values["kind"],
            number=values["number"].strip(),
            handed_out_on=values.get("handed_out_on"),
            handed_back_on=values.get("handed_back_on"),
            keeper=values.get("keeper", "").strip(),
        )

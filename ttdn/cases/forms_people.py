"""The correction of a person's data on their request (data subject)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.cases.models import Person, normalise_passport_number
from ttdn.cases.models.event import TEXT_MAX_LENGTH
from ttdn.cases.services.data_subject import CORRECTABLE_FIELDS
from ttdn.forms import DateInput


class PersonCorrectionForm(forms.ModelForm):
    request_reference = forms.CharField(
        label=_("request reference or reason"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The number of the person's letter or e-mail, or why the data is corrected."),
    )

    class Meta:
        model = Person
        fields = CORRECTABLE_FIELDS
        widgets = {"date_of_birth": DateInput(), "passport_expiry": DateInput()}

    def clean_passport_number(self) -> str:
        return normalise_passport_number(self.cleaned_data["passport_number"])

    def changes(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.changed_data if name in CORRECTABLE_FIELDS}

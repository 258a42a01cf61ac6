"""The forms of report requests and contributions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Agency
from ttdn.forms import DateInput
from ttdn.reports.forms import PeriodForm
from ttdn.reports.models import Contribution
from ttdn.reports.periods import Basis


class RequestForm(PeriodForm):
    """A new request: its title, the period (a Decree 09 quarter by default), the agencies asked
    and the day their contributions are due."""

    title = forms.CharField(label=_("Title"), max_length=255)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies asked"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one agency to ask.")},
    )
    instructions = forms.CharField(
        label=_("Instructions"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    field_order = [
        "title",
        "year",
        "quarter",
        "half",
        "basis",
        "start",
        "end",
        "due_on",
        "agencies",
        "instructions",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.order_by("name_vi")  # type: ignore[attr-defined]
        self.fields["basis"].initial = Basis.DECREE09

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("year") and not cleaned.get("start"):
            raise forms.ValidationError(_("Give the year (and quarter) or two dates."))
        return cleaned


class ContributionForm(forms.ModelForm):
    """The agency's narrative, section by section; submitting asks for a tick."""

    confirm = forms.BooleanField(
        label=_("I have checked the figures and the text: submit it now (it can no longer be changed)."),
        required=False,
    )

    class Meta:
        model = Contribution
        fields = ["results", "difficulties", "next_steps", "proposals"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.Meta.fields}

    def check_submit(self) -> bool:
        """Whether the tick that confirms submitting was given (an error on the form if not)."""
        if not self.cleaned_data.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm that the contribution is submitted."))
            return False
        return True

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.budget.models import BudgetLine, GuestCategory
from ttdn.budget.selectors import categories_available
from ttdn.budget.services import MAX_AMOUNT
from ttdn.money import money


class MoneyField(forms.IntegerField):
    """An amount in VND, typed with or without thousands separators ("1.500.000", "1 500 000 ₫")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "numeric", "class": "money"})

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = re.sub(r"[\s.,₫]|VND|đ", "", value, flags=re.IGNORECASE)
        return super().to_python(value)


class ComputeForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Guest category"), queryset=GuestCategory.objects.none(), empty_label=None
    )
    guests = forms.IntegerField(
        label=_("Number of guests"),
        min_value=1,
        max_value=10_000,
        help_text=_("By default, the case's foreign participants."),
    )
    days = forms.IntegerField(
        label=_("Days"), min_value=1, max_value=366, help_text=_("By default, the visit's days.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories_available()  # type: ignore[attr-defined]


class LineEditForm(forms.Form):
    amount = MoneyField(label=_("Estimated amount (VND)"))
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_("Required: kept beside the line and on the case's timeline."),
    )  # fmt: skip


class LineAddForm(forms.Form):
    label = forms.CharField(label=_("Item"), max_length=200)
    amount = MoneyField(label=_("Estimated amount (VND)"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class LineRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ActualForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    actual = MoneyField(label=_("Actual spending (VND)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


ActualFormSet = forms.formset_factory(ActualForm, extra=0)


def actuals_initial(lines: list[BudgetLine]) -> list[dict[str, Any]]:
    return [
        {
            "line": line.pk,
            "actual": "" if line.actual is None else money(line.actual),
            "note": line.actual_note,
        }
        for line in lines
    ]

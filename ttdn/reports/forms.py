from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.forms import DateInput
from ttdn.reports.periods import FIRST_YEAR, LAST_YEAR, Basis, Period

QUARTERS = [("", _("The whole year")), ("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")]
HALVES = [("", "—"), ("1", _("First half")), ("2", _("Second half"))]


class PeriodForm(forms.Form):
    """A year (and a quarter or a half-year, on the calendar or Decree 09's basis), or two dates."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=QUARTERS, coerce=int, empty_value=None, required=False
    )
    half = forms.TypedChoiceField(
        label=_("or half-year"), choices=HALVES, coerce=int, empty_value=None, required=False
    )
    basis = forms.ChoiceField(
        label=_("Basis"),
        choices=Basis.choices,
        required=False,
        help_text=_(
            "Decree 09/2019/NĐ-CP: a quarter runs from the 15th of the month before it to the 14th of "
            "its last month; the year from 15 December to 14 December."
        ),
    )
    start = forms.DateField(label=_("or from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("to"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end, year = cleaned.get("start"), cleaned.get("end"), cleaned.get("year")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both dates of the period."))
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        if start and end and (end - start).days > 3 * 366:
            raise forms.ValidationError(_("A period is at most three years."))
        if start and end and (start.year < FIRST_YEAR or end.year > LAST_YEAR):
            raise forms.ValidationError(_("A period is at most three years, between 2000 and 2100."))
        if not start and not year and (cleaned.get("quarter") or cleaned.get("half")):
            raise forms.ValidationError(_("Give the year of the quarter."))
        if cleaned.get("quarter") and cleaned.get("half"):
            raise forms.ValidationError(_("Give a quarter or a half-year, not both."))
        return cleaned

    def period(self, today: datetime.date) -> Period:
        """The period asked for (the last quarter when nothing is asked); call after is_valid()."""
        data = self.cleaned_data
        if (data.get("start") and data.get("end")) or data.get("year"):
            return Period.chosen(
                year=data.get("year"),
                quarter=data.get("quarter"),
                half=data.get("half"),
                start=data.get("start"),
                end=data.get("end"),
                basis=data.get("basis") or Basis.CALENDAR,
            )
        return Period.last_quarter(today, data.get("basis") or Basis.CALENDAR)

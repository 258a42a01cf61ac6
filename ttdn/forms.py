"""Project-wide form pieces: the renderer, the date widgets and the searchable selects every form uses."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """Render every form field with the project's own markup (templates/forms/)."""

    field_template_name = "forms/field.html"


# Said where a browser shows a plain text box instead of a date picker (an old one): what it reads.
DATE_PLACEHOLDER = _("dd/mm/yyyy")
DATETIME_PLACEHOLDER = _("dd/mm/yyyy hh:mm")
# The formats of <input type="date"> and <input type="datetime-local">, which every locale's
# input formats accept (ttdn/formats/*/formats.py) beside the day-first ones typed by hand.
ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """The browser's own date picker (phones and desktops alike); the value travels as ISO."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=ISO_DATE, attrs={"placeholder": DATE_PLACEHOLDER}, **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=ISO_DATETIME, attrs={"placeholder": DATETIME_PLACEHOLDER}, **kwargs)


class Searchable(forms.Select):
    """A select that static/js/inputs.js turns into a search box (Tom Select): typing filters
    its options. With ``source`` (a URL of a JSON lookup, see ttdn.cases.views.lookups) the
    options are loaded as one types instead of sent with the page: for lists of thousands."""

    def __init__(self, *args: Any, source: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = source

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-searchable"] = ""
        if self.source:
            widget_attrs["data-source"] = str(self.source)
        return context

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> Any:
        """With a source, only the chosen options go out with the page (the others come by
        typing): the choices of a model field are read for the chosen keys alone."""
        choices = self.choices
        if not self.source or not isinstance(choices, ModelChoiceIterator):
            return super().optgroups(name, value, attrs)
        keys = [key for key in value if str(key).isdigit()]
        chosen = copy.copy(choices)
        chosen.queryset = choices.queryset.filter(pk__in=keys) if keys else choices.queryset.none()
        self.choices = chosen
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = choices


class SearchableSelect(Searchable):
    pass


class SearchableSelectMultiple(Searchable, forms.SelectMultiple):
    pass


def make_searchable(field: forms.Field, *, source: str = "") -> None:
    """Give ``field`` the searchable widget of its kind, keeping its choices and attributes."""
    old = field.widget
    widget_class = SearchableSelectMultiple if old.allow_multiple_selected else SearchableSelect
    widget = widget_class(attrs=dict(old.attrs), source=source)
    widget.choices = getattr(field, "choices", [])
    widget.is_required = old.is_required
    field.widget = widget

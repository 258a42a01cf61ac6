"""Project-wide form pieces: the renderer and the date widgets every form uses."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """Render every form field with the project's own markup (templates/forms/)."""

    field_template_name = "forms/field.html"


DATE_PLACEHOLDER = _("dd/mm/yyyy")
DATETIME_PLACEHOLDER = _("dd/mm/yyyy hh:mm")


class DateInput(forms.DateInput):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            format="%d/%m/%Y", attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric"}, **kwargs
        )


class DateTimeInput(forms.DateTimeInput):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%d/%m/%Y %H:%M", attrs={"placeholder": DATETIME_PLACEHOLDER}, **kwargs)

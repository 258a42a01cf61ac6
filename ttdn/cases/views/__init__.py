from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest


def form_errors_to_messages(request: HttpRequest, form: forms.BaseForm) -> None:
    """For the small forms on the case page: their errors come back as messages above it."""
    for field_errors in form.errors.values():
        for field_error in field_errors:
            messages.error(request, str(field_error))

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from ttdn.cases.warnings import warnings_for

if TYPE_CHECKING:
    from ttdn.cases.models import Case


def form_errors_to_messages(request: HttpRequest, form: forms.BaseForm) -> None:
    """For the small forms on the case page: their errors come back as messages above it."""
    for field_errors in form.errors.values():
        for field_error in field_errors:
            messages.error(request, str(field_error))


def warnings_to_messages(request: HttpRequest, case: Case) -> None:
    """After a case is created, saved or submitted: what the registered checks say of it
    (``ttdn.cases.warnings``), each as a warning above the page the user lands on."""
    for warning in warnings_for(case):
        messages.warning(request, warning)

"""The registers' filters, and the entry of a document received."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.selectors import cases_visible_to
from ttdn.documents.models import DocumentType, Register
from ttdn.forms import DateInput


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
    doc_type = forms.ChoiceField(
        label=_("type of document"), required=False, choices=[("", _("All")), *DocumentType.choices]
    )
    drafts = forms.BooleanField(label=_("drafts too"), required=False)


class IncomingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)


class IncomingForm(forms.Form):
    register = forms.ModelChoiceField(
        label=_("register"),
        queryset=Register.objects.filter(direction=Register.Direction.IN),
        empty_label=None,
    )
    sender_reference = forms.CharField(label=_("number and symbol"), max_length=64, required=False)
    document_date = forms.DateField(label=_("date of the document"), required=False, widget=DateInput())
    issuing_body = forms.CharField(label=_("issuing body"), max_length=255)
    received_on = forms.DateField(label=_("received on"), widget=DateInput())
    summary = forms.CharField(label=_("summary (trích yếu)"), max_length=255)
    case_reference = forms.CharField(
        label=_("case"), max_length=20, required=False, help_text=_("Its reference, e.g. DV-2026-0007.")
    )
    scan = forms.FileField(label=_("scan"), required=False, help_text=_("PDF or image."))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        default = Register.objects.filter(direction=Register.Direction.IN, is_default=True).first()
        if default and not self.is_bound:
            self.initial.setdefault("register", default.pk)
            self.initial.setdefault("received_on", timezone.localdate())

    def clean_received_on(self) -> Any:
        received = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise forms.ValidationError(_("A document cannot be received in the future."))
        return received

    def clean_case_reference(self) -> Case | None:
        reference = self.cleaned_data["case_reference"].strip().upper()
        if not reference:
            return None
        case = cases_visible_to(self.user).filter(reference=reference).first()
        if case is None:
            raise forms.ValidationError(
                _("No case you may see has the reference %(reference)s.") % {"reference": reference}
            )
        return case

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        sent, received = cleaned.get("document_date"), cleaned.get("received_on")
        if sent and received and sent > received:
            self.add_error("document_date", _("The document cannot be dated after it was received."))
        return cleaned

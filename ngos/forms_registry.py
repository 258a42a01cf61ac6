"""The registry's forms: each on a page of its own, errors beside their fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField  # type: ignore[attr-defined]

from ngos.models import Certificate, Filing, NgoContact
from ngos.selectors_registry import CERTIFICATE_STATES, organisations_to_take
from ttdn.cases.files import check_upload
from ttdn.cases.models import Organisation
from ttdn.forms import DateInput, SearchableSelect, make_searchable


class RegistryFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    certificate = forms.ChoiceField(
        label=_("Certificate"), required=False, choices=[("", _("Any")), *CERTIFICATE_STATES]
    )
    country = LazyTypedChoiceField(label=_("country"), required=False, choices=[("", _("Any")), *countries])


class NgoForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("An organisation already known"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("A foreign NGO already met as a counterpart; leave empty to enter a new one."),
    )
    name = forms.CharField(label=_("name"), max_length=255, required=False)
    name_vi = forms.CharField(label=_("Vietnamese name"), max_length=255, required=False)
    country = LazyTypedChoiceField(
        label=_("country"), required=False, choices=[("", "---------"), *countries], widget=SearchableSelect
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    acronym = forms.CharField(label=_("acronym"), max_length=32, required=False)
    headquarters = forms.CharField(label=_("headquarters"), max_length=255, required=False)
    fields_of_work = forms.CharField(
        label=_("fields of work"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, taking_in: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taking_in = taking_in
        if taking_in:
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = organisations_to_take()
            make_searchable(field)
        else:
            del self.fields["organisation"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("organisation"):
            for name in ("name", "country"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("This field is required."))
        return cleaned


class UploadField(forms.FileField):
    """A file checked like the case attachments (``ttdn.cases.files.check_upload``)."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):
            check_upload(upload)
        return upload


class CertificateForm(forms.ModelForm):
    scan = UploadField(label=_("scan"), required=False, help_text=_("A PDF or an image of the certificate."))

    class Meta:
        model = Certificate
        fields = [
            "kind", "event", "number", "issued_by", "issued_on", "valid_until", "nationwide", "provinces",
            "fields_of_work",
        ]  # fmt: skip
        widgets = {
            "issued_on": DateInput(),
            "valid_until": DateInput(),
            "provinces": forms.Textarea(attrs={"rows": 3}),
            "fields_of_work": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        issued, until = cleaned.get("issued_on"), cleaned.get("valid_until")
        if issued and until and until < issued:
            self.add_error("valid_until", _("A certificate cannot end before it is issued."))
        return cleaned

    def _post_clean(self) -> None:
        # Validated and saved by the service (ngos.services.registry).
        pass


class ContactForm(forms.ModelForm):
    class Meta:
        model = NgoContact
        fields = ["name", "position", "email", "phone"]

    def _post_clean(self) -> None:
        pass


class FilingReceiptForm(forms.ModelForm):
    received_on = forms.DateField(label=_("received on"), widget=DateInput())
    document = UploadField(label=_("document"), required=False)

    class Meta:
        model = Filing
        fields = ["received_on", "document_number", "document_date", "notes"]
        widgets = {"document_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        received, dated = cleaned.get("received_on"), cleaned.get("document_date")
        if received and dated and dated > received:
            self.add_error(
                "document_date", ValidationError(_("The document cannot be dated after it arrived."))
            )
        return cleaned

    def _post_clean(self) -> None:
        pass

"""The post-visit report's form: the report itself, its commitments, and its files."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Agency
from ttdn.cases.models import Case
from ttdn.cases.services.post_visit import CommitmentData
from ttdn.forms import DateInput

MAX_REPORT_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_REPORT_FILES:
            raise forms.ValidationError(
                _("Attach at most %(count)s files.") % {"count": MAX_REPORT_FILES}, code="too_many"
            )
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class PostVisitReportForm(forms.Form):
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 5}))
    outcomes = forms.CharField(label=_("outcomes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    agreements_signed = forms.CharField(
        label=_("agreements signed"),
        required=False,
        help_text=_("Title, partner and date of each, one per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = MultipleFileField(
        label=_("attachments"),
        required=False,
        help_text=_("The signed report, photos: PDF, Office documents or images; at most 20 MB each."),
    )


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("commitment"), max_length=255)
    due_date = forms.DateField(label=_("due"), widget=DateInput())
    assignee_agency = forms.ModelChoiceField(label=_("owed by"), queryset=Agency.objects.none())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["assignee_agency"]).queryset = Agency.objects.filter(
            pk__in=[case.lead_agency_id, *case.co_host_agencies.values_list("pk", flat=True)]
        )
        self.fields["assignee_agency"].initial = case.lead_agency_id


class BaseCommitmentFormSet(forms.BaseFormSet):
    def commitments(self) -> list[CommitmentData]:
        """The filled rows (blank extra rows are not commitments)."""
        return [
            CommitmentData(**form.cleaned_data)
            for form in self.forms
            if form.has_changed() and form.is_valid() and not form.cleaned_data.get("DELETE")
        ]


CommitmentFormSet = forms.formset_factory(
    CommitmentForm, formset=BaseCommitmentFormSet, extra=2, can_delete=False, max_num=50
)

"""The aid projects' forms: the list's filters, a project, a visit linked, a progress report."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ngos.forms_registry import UploadField
from ngos.models import AidProject, AidSector, Ngo
from ngos.services.projects import ProjectData
from ttdn.accounts.models import Agency
from ttdn.cases.models import Case
from ttdn.forms import DateInput, make_searchable


class ProjectFilter(forms.Form):
    ngo = forms.ModelChoiceField(label=_("Donor"), queryset=Ngo.objects.none(), required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=AidSector.objects.all(), required=False)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Agency.objects.all(), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "---------"), *AidProject.Status.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args: Any, ngos: QuerySet[Ngo], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["ngo"]).queryset = ngos.select_related("organisation")
        for name in ("ngo", "commune"):
            make_searchable(self.fields[name])


class ProjectForm(forms.ModelForm):
    class Meta:
        model = AidProject
        fields = [
            "ngo",
            "title",
            "sector",
            "communes",
            "status",
            "committed",
            "disbursed",
            "currency",
            "amount_in_currency",
            "exchange_rate",
            "decision_number",
            "decision_date",
            "decided_by",
            "start_date",
            "end_date",
            "report_every_months",
            "notes",
        ]
        widgets = {
            "decision_date": DateInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "committed": _(
                "Left empty for aid in another currency: the amount in that currency times the rate."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committed"].required = False
        cast(forms.ModelChoiceField, self.fields["ngo"]).queryset = Ngo.objects.select_related("organisation")
        for name in ("ngo", "communes"):
            make_searchable(self.fields[name])

    def _post_clean(self) -> None:
        """Checked together and saved by the service (ngos.services.projects)."""

    def project_data(self) -> ProjectData:
        data = self.cleaned_data
        return ProjectData(
            ngo=data["ngo"],
            title=data["title"],
            sector=data["sector"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            committed=data.get("committed"),
            disbursed=data.get("disbursed") or 0,
            currency=data.get("currency") or "",
            amount_in_currency=data.get("amount_in_currency"),
            exchange_rate=data.get("exchange_rate"),
            decision_number=data.get("decision_number") or "",
            decision_date=data.get("decision_date"),
            decided_by=data.get("decided_by") or "",
            status=data["status"],
            report_every_months=data["report_every_months"],
            notes=data.get("notes") or "",
            communes=list(data.get("communes") or []),
        )


class LinkCaseForm(forms.Form):
    case = forms.ModelChoiceField(label=_("Visit"), queryset=Case.objects.none())

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["case"])
        field.queryset = cases
        make_searchable(field, source=reverse("cases:cases_lookup"))


class LinkProjectForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Aid project"), queryset=AidProject.objects.none())

    def __init__(self, *args: Any, projects: QuerySet[AidProject], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["project"])
        field.queryset = projects
        make_searchable(field)


class ProgressReportForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    document_date = forms.DateField(label=_("Document date"), widget=DateInput(), required=False)
    file = UploadField(label=_("Document"), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

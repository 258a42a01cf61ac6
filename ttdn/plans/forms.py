"""The plan's forms: a plan, a task and a progress update (with its files)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Agency
from ttdn.cases.forms_post_visit import MultipleFileField
from ttdn.forms import DateInput, SearchableSelectMultiple
from ttdn.plans.models import Plan, PlanTask, TaskProgress


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["number", "issued_on", "title", "year", "implements", "notes"]
        widgets = {
            "issued_on": DateInput(),
            "implements": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class TaskForm(forms.ModelForm):
    agencies = forms.ModelMultipleChoiceField(
        label=_("agencies"), queryset=Agency.objects.none(), widget=SearchableSelectMultiple()
    )

    class Meta:
        model = PlanTask
        fields = ["title", "description", "agencies", "due_on", "recurrence", "expected_output"]
        widgets = {"due_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "recurrence": _(
                "A recurring task is due at the end of each reporting period of Decree 09/2019/NĐ-CP "
                "in the plan's year (the 14th of March, June, September and December; a yearly one on "
                "14 December); its due date, when given, is its first."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = list(self.instance.agencies.values_list("pk", flat=True)) if self.instance.pk else []
        active = Agency.objects.filter(is_active=True) | Agency.objects.filter(pk__in=chosen)
        self.fields["agencies"].queryset = active.distinct()  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=TaskProgress.Status.choices)
    text = forms.CharField(label=_("progress"), widget=forms.Textarea(attrs={"rows": 4}))
    reported_on = forms.DateField(label=_("reported on"), widget=DateInput(), initial=timezone.localdate)
    attachments = MultipleFileField(label=_("files"), required=False)

"""Forms of the confidentiality review and the secrecy marks."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.cases.models import Review, SecrecyMark
from ttdn.cases.models.event import TEXT_MAX_LENGTH
from ttdn.cases.review_checklist import checklist_for

R = Review.Status


class ReviewDecisionForm(forms.Form):
    """The outcome, after the checklist of the case's kind (one box per item, added first)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (s.value, s.label) for s in (R.MORE_INFO, R.CLEARED, R.CLEARED_WITH_CONDITIONS, R.NOT_CLEARED)
        ],
    )
    text = forms.CharField(
        label=_("Questions, conditions or reason"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The questions for protocol, the conditions of the clearance, or why it is not cleared."),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = checklist_for(kind)
        checks = {name: forms.BooleanField(label=str(label), required=False) for name, label in self.items}
        self.fields = {**checks, **self.fields}

    def checklist_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _label in self.items]

    def checklist(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name, _label in self.items}


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=User.objects.none())

    def __init__(self, *args: Any, review: Review, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["officer"])
        field.queryset = User.objects.filter(
            is_active=True, agency=review.police_agency, groups__name=Role.POLICE
        ).order_by("full_name")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer to the police"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the waiver"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: an online meeting with no materials exchanged."),
    )


class SecrecyMarkForm(forms.ModelForm):
    class Meta:
        model = SecrecyMark
        fields = ["title", "level", "register_number", "custodian", "protection_period"]
        help_texts = {
            "title": _("Only the metadata is recorded here; the document itself is never uploaded.")
        }


class ReviewQueueFilter(forms.Form):
    STATES = [
        ("pending", _("Pending")),
        ("due_soon", _("Due soon")),
        ("overdue", _("Overdue")),
        ("decided", _("Decided")),
    ]
    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)
    kind = forms.ChoiceField(label=_("kind of case"), required=False)
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label=_("Lead agency"), queryset=Agency.objects.none(), required=False
    )
    start_from = forms.DateField(label=_("from"), required=False)
    start_to = forms.DateField(label=_("to"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from ttdn.cases import kinds
        from ttdn.forms import DateInput

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", "---------"), *kinds.choices()]
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = Agency.objects.filter(is_active=True)
        self.fields["start_from"].widget = DateInput()
        self.fields["start_to"].widget = DateInput()


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Follow-up"), max_length=255)
    due_date = forms.DateField(label=_("Due"))
    assignee_user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none(), required=False)
    assignee_agency = forms.ModelChoiceField(
        label=_("or agency"), queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        from ttdn.forms import DateInput

        super().__init__(*args, **kwargs)
        self.fields["due_date"].widget = DateInput()
        cast(forms.ModelChoiceField, self.fields["assignee_user"]).queryset = User.objects.filter(
            is_active=True, agency__isnull=False
        ).order_by("full_name")
        cast(forms.ModelChoiceField, self.fields["assignee_agency"]).queryset = Agency.objects.filter(
            pk__in=[case.lead_agency_id, *(agency.pk for agency in case.co_host_agencies.all())]
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("assignee_user")) == bool(cleaned.get("assignee_agency")):
            raise forms.ValidationError(_("Assign the follow-up to one person or one agency."))
        return cleaned


class FollowUpCloseForm(forms.Form):
    STATUSES = [("done", _("Done")), ("cancelled", _("Cancelled"))]
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, initial="done")
    result = forms.CharField(
        label=_("Result"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, done: bool = True, cancel: bool = True, **kwargs: Any) -> None:
        """``done``, ``cancel``: the choices offered (what the user may do to this follow-up)."""
        super().__init__(*args, **kwargs)
        status = cast(forms.ChoiceField, self.fields["status"])
        offered = {"done": done, "cancelled": cancel}
        status.choices = [(value, label) for value, label in self.STATUSES if offered[value]]
        if not done:  # e.g. a post-visit report, done by filing it: this form can only cancel it
            status.initial = "cancelled"
            self.fields["result"].label = _("Reason")

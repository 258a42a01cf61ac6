"""The approving document, asked when a leader approves a case (ttdn.cases.services.workflow)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.cases.models import Case
from ttdn.cases.services.workflow import Decision
from ttdn.forms import DateInput

# Posted with the approval: the page asks for the document until these come.
APPROVAL_FIELDS = ("decision_number", "decision_date", "decision_signer")


class ApprovalForm(forms.Form):
    decision_number = forms.CharField(
        label=_("decision number"),
        required=False,
        max_length=Case._meta.get_field("decision_number").max_length,
        help_text=_("Leave it blank if the decision is not numbered yet: protocol staff record it later."),
    )
    decision_date = forms.DateField(
        label=_("decision date"),
        widget=DateInput(),
        error_messages={"required": _("Give the decision's date.")},
    )
    decision_signer = forms.CharField(
        label=_("decision signed by"),
        max_length=Case._meta.get_field("decision_signer").max_length,
        help_text=_("The signer's name and position."),
        error_messages={"required": _("Say who signed the decision.")},
    )

    @classmethod
    def posted(cls, data: object) -> bool:
        """Whether the request carries the document (else the page asks for it)."""
        return any(name in data for name in APPROVAL_FIELDS)  # type: ignore[operator]

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(
            number=data["decision_number"], date=data["decision_date"], signer=data["decision_signer"]
        )

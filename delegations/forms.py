from __future__ import annotations

from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from delegations.models import Agreement, Delegation
from ttdn.cases.forms import CaseEditor, CaseForm
from ttdn.cases.models import Case
from ttdn.forms import DateInput, make_searchable


class DelegationForm(CaseForm):
    delegation_kind = forms.ChoiceField(label=_("kind of delegation"), choices=Delegation.Kind.choices)

    field_order = ["direction", "delegation_kind", "title"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and hasattr(instance, "delegation"):
            kwargs.setdefault("initial", {})
            kwargs["initial"] = {
                **(kwargs["initial"] or {}),
                "delegation_kind": instance.delegation.delegation_kind,
            }
        super().__init__(*args, **kwargs)
        # Inbound only: an outbound delegation is a kind of its own (outbound/), with its officials.
        direction = cast(forms.ChoiceField, self.fields["direction"])
        direction.choices = [(Case.Direction.INBOUND, Case.Direction.INBOUND.label)]
        direction.initial = Case.Direction.INBOUND


class DelegationEditor(CaseEditor):
    form_class = DelegationForm


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "partner", "signed_on", "valid_until", "signatory", "cases", "notes"]
        widgets = {
            "signed_on": DateInput(),
            "valid_until": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, visible_cases: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only cases the user may see can be linked (and are listed).
        cases = cast(forms.ModelMultipleChoiceField, self.fields["cases"])
        cases.queryset = visible_cases if visible_cases is not None else Case.objects.none()
        make_searchable(cases, source=reverse("cases:cases_lookup"))
        make_searchable(self.fields["partner"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        signed, until = cleaned.get("signed_on"), cleaned.get("valid_until")
        if signed and until and until < signed:
            self.add_error("valid_until", _("An agreement cannot end before it is signed."))
        return cleaned

    def _post_clean(self) -> None:
        # Validated and saved by the service.
        from django.forms.models import construct_instance

        self.instance = construct_instance(
            self, self.instance, fields=[f for f in self._meta.fields or [] if f != "cases"]
        )

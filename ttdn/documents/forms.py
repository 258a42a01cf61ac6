from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.documents.models import Document, DocumentTemplate
from ttdn.documents.selectors import templates_available
from ttdn.documents.services import recipient_lines
from ttdn.forms import DateInput


class DraftForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("template"),
        queryset=templates_available(),
        empty_label=_("Choose a template"),
        to_field_name="code",
    )

    def __init__(self, *args: Any, templates: list[DocumentTemplate] | None = None, **kwargs: Any) -> None:
        """``templates``, when given (the case page's, from ``TEMPLATES_OFFERED``), are the choices
        shown; a posted form checks its choice against the database."""
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = templates_available()
        if templates is not None:
            field.choices = [
                ("", field.empty_label),
                *((t.code, field.label_from_instance(t)) for t in templates),
            ]


class IssueForm(forms.Form):
    signer = forms.CharField(label=_("signed by"), max_length=120)
    issued_on = forms.DateField(label=_("date of issue"), widget=DateInput())
    recipients = forms.CharField(
        label=_("recipients (nơi nhận)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("One per line; the archive line (Lưu: VT) is added by the template."),
    )

    confirm = forms.BooleanField(
        label=_("Issue it now: the number is given at once and is never taken back."), required=True
    )

    def __init__(self, *args: Any, document: Document | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prefix = f"issue{document.pk}" if document else "issue"
        self.auto_id = f"id_{prefix}_%s"
        if not self.is_bound:
            self.initial.setdefault("issued_on", timezone.localdate())

    def clean_recipients(self) -> list[str]:
        lines = recipient_lines(self.cleaned_data["recipients"].splitlines())
        if not lines:
            raise forms.ValidationError(_("Name at least one recipient."))
        return lines


class ScanForm(forms.Form):
    file = forms.FileField(label=_("signed scan"), help_text=_("PDF or image of the signed document."))


class RegenerateForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Draw the DOCX and PDF again from the case as it is now (the current draft files are replaced)."
        ),
        required=True,
        error_messages={"required": _("Tick the box to confirm that the draft is drawn again.")},
    )

"""The small forms of the case list: save a filter, choose the columns, act on the chosen cases."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import SavedCaseFilter, User
from ttdn.accounts.roles import Role
from ttdn.cases.case_list import COLUMNS, SAVED_QUERY_MAX_LENGTH
from ttdn.paging import PAGE_SIZES

# At most a page of the list (its largest) is acted on at once.
BULK_MAX = max(PAGE_SIZES)


class SavedFilterForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the filter"),
        max_length=SavedCaseFilter._meta.get_field("name").max_length,
        error_messages={"required": _("Give the filter a name.")},
    )
    # The list's query string as the page had it; the service keeps only the list's own fields.
    query = forms.CharField(required=False, max_length=SAVED_QUERY_MAX_LENGTH * 2, widget=forms.HiddenInput)


class ColumnsForm(forms.Form):
    columns = forms.MultipleChoiceField(
        label=_("Columns"),
        choices=[(name, label) for name, label in COLUMNS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CaseIdsField(forms.Field):
    """The ids of the cases ticked in the list (checkboxes named alike), each a whole number."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        if not all(isinstance(item, str) and item.isdigit() and len(item) < 12 for item in values):
            raise forms.ValidationError(_("The cases chosen are not valid: choose them again in the list."))
        return list(dict.fromkeys(int(item) for item in values))


class BulkForm(forms.Form):
    """What to do with the cases ticked in the list (``cases``: their ids, as the page sent them)."""

    # The buttons' values (the buttons carry their own labels).
    ACTIONS = [(action, action) for action in ("xlsx", "csv", "pdf", "print", "assign")]

    action = forms.ChoiceField(choices=ACTIONS)
    cases = CaseIdsField(required=False)
    officer = forms.ModelChoiceField(
        label=_("Responsible officer"), queryset=User.objects.none(), required=False, empty_label=_("Choose…")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        # Who may be in charge of a case, as the case form offers.
        field.queryset = User.objects.filter(is_active=True, groups__name=Role.PROTOCOL).order_by("full_name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("cases") and "cases" not in self.errors:
            raise forms.ValidationError(_("Choose at least one case in the list."))
        if len(cleaned.get("cases", [])) > BULK_MAX:
            raise forms.ValidationError(_("Choose at most %(count)s cases at a time.") % {"count": BULK_MAX})
        if cleaned.get("action") == "assign" and not cleaned.get("officer"):
            self.add_error("officer", _("Choose the responsible officer."))
        return cleaned

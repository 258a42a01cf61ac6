from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.printouts.badges.layouts import Kind
from ttdn.printouts.badges.selectors import layouts_of
from ttdn.printouts.models import BadgeLayout

LABELS = {Kind.BADGE: _("Badge layout"), Kind.PLACE_CARD: _("Place card layout")}


class PrintForm(forms.Form):
    """Which layout to print with (the default one chosen first)."""

    layout = forms.ModelChoiceField(
        label=_("Layout"),
        queryset=BadgeLayout.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the layouts listed.")},
    )

    def __init__(
        self, *args: Any, kind: str, layouts: list[BadgeLayout] | None = None, **kwargs: Any
    ) -> None:
        """``layouts``, when given (all kinds, read once for the case page's two forms), are the
        choices shown; a posted form checks its choice against the database."""
        super().__init__(*args, **kwargs)
        field = self.fields["layout"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = layouts_of(kind)
        field.label = LABELS[Kind(kind)]
        if layouts is not None:
            field.choices = [
                (layout.pk, field.label_from_instance(layout)) for layout in layouts if layout.kind == kind
            ]

"""The print-outs' settings: the layouts of the badges and the place cards (admin-editable)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ttdn.printouts.badges.layouts import (
    COLOUR,
    ELEMENTS_HELP,
    SHEETS_OF_KIND,
    Element,
    Kind,
    Sheet,
    elements_checked,
)


class BadgeLayout(models.Model):
    """How badges or place cards are printed: the sheet, the fields in order with their sizes, a
    header line and an accent colour. One layout of each kind is the default."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("prints"), max_length=16, choices=Kind.choices, default=Kind.BADGE)
    sheet = models.CharField(
        _("sheet"),
        max_length=8,
        choices=Sheet.choices,
        default=Sheet.A6_FOUR,
        help_text=_("Badges: A6 four to an A4 sheet, or A7 eight to a sheet; place cards: A4 folded in two."),
    )
    elements = models.JSONField(_("fields printed"), default=list, help_text=ELEMENTS_HELP)
    header = models.CharField(
        _("header line"),
        max_length=120,
        blank=True,
        help_text=_("Printed at the top of each card as written, e.g. the event's name; empty for none."),
    )
    accent = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#9b1c1c",
        validators=[RegexValidator(COLOUR, _("Give the colour as #RRGGBB, e.g. #9b1c1c."))],
        help_text=_("The colour of the header and of the role's band, as #RRGGBB."),
    )
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Offered first on the case page; one layout of each kind.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("badge or place card layout")
        verbose_name_plural = _("badge and place card layouts")
        ordering = ["kind", "-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(is_default=True),
                name="printouts_badgelayout_one_default_per_kind",
                violation_error_message=_("Another layout of this kind is already the default."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        if self.kind in Kind.values and self.sheet in Sheet.values:
            if self.sheet not in SHEETS_OF_KIND[Kind(self.kind)]:
                errors["sheet"] = [
                    ValidationError(
                        _("%(sheet)s is not a sheet for %(kind)s.")
                        % {"sheet": self.get_sheet_display(), "kind": self.get_kind_display()},
                        code="bad_sheet",
                    )
                ]
            try:
                elements_checked(self.kind, self.elements)
            except ValidationError as error:
                errors["elements"] = [error]
        if errors:
            raise ValidationError(errors)

    @property
    def element_list(self) -> list[Element]:
        return elements_checked(self.kind, self.elements)

"""What a badge layout may say, checked before it is saved: the sheets, the fields a card prints
and their sizes. A layout is data (``BadgeLayout``, edited in the admin), like pretix's badge
layouts: a list of elements, each a field with its size and weight, printed in that order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Kind(models.TextChoices):
    BADGE = "badge", gettext_lazy("Name badges")
    PLACE_CARD = "place_card", gettext_lazy("Place cards")


class Sheet(models.TextChoices):
    """How the cards sit on an A4 sheet (the card's size in mm, how many across and down)."""

    A6_FOUR = "a6x4", gettext_lazy("A6, four to an A4 sheet")
    A7_EIGHT = "a7x8", gettext_lazy("A7, eight to an A4 sheet")
    A4_TENT = "a4tent", gettext_lazy("A4 folded in two (tent card)")


@dataclass(frozen=True)
class SheetFormat:
    width_mm: float  # one card (for a tent, one face)
    height_mm: float
    across: int
    down: int
    landscape: bool  # the A4 sheet

    @property
    def per_sheet(self) -> int:
        return self.across * self.down


SHEETS = {
    Sheet.A6_FOUR: SheetFormat(105, 148, 2, 2, landscape=False),
    Sheet.A7_EIGHT: SheetFormat(105, 74, 2, 4, landscape=False),  # A7 turned, two across, four down
    Sheet.A4_TENT: SheetFormat(297, 105, 1, 2, landscape=True),  # two faces of one card
}
SHEETS_OF_KIND = {Kind.BADGE: {Sheet.A6_FOUR, Sheet.A7_EIGHT}, Kind.PLACE_CARD: {Sheet.A4_TENT}}

# field -> its label in the admin's help; "qr" is sized in mm, the others in points.
FIELDS = {
    "name": gettext_lazy("name (and the name in the guests' script under it)"),
    "position": gettext_lazy("position, in the guests' language where given"),
    "organisation": gettext_lazy("organisation"),
    "country": gettext_lazy("country"),
    "role": gettext_lazy("role (on a band of the accent colour)"),
    "qr": gettext_lazy("QR code of the verification page"),
}
FIELDS_OF_KIND = {
    Kind.BADGE: set(FIELDS),
    Kind.PLACE_CARD: {"name", "position", "organisation", "country"},
}
WEIGHTS = ("normal", "bold")
TEXT_SIZES = {Kind.BADGE: (6, 48), Kind.PLACE_CARD: (10, 140)}  # points
QR_SIZES = (12, 40)  # mm
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Element:
    field: str
    size: int
    bold: bool


def elements_checked(kind: str, value: Any) -> list[Element]:
    """The elements of a layout of ``kind``, or a ``ValidationError`` that says what is wrong
    with ``value`` (a list of ``{"field": ..., "size": ..., "weight": ...}``)."""
    if not isinstance(value, list) or not value:
        raise ValidationError(
            _('List the fields to print, e.g. [{"field": "name", "size": 24, "weight": "bold"}].'),
            code="not_a_list",
        )
    allowed = FIELDS_OF_KIND[Kind(kind)]
    low, high = TEXT_SIZES[Kind(kind)]
    elements: list[Element] = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) - {"field", "size", "weight"}:
            raise ValidationError(
                _("Element %(number)s: give only its field, size and weight.") % {"number": number},
                code="bad_element",
            )
        field, size, weight = item.get("field"), item.get("size"), item.get("weight", "normal")
        if field not in allowed:
            raise ValidationError(
                _("Element %(number)s: %(field)s cannot be printed here; choose from %(allowed)s.")
                % {"number": number, "field": field, "allowed": ", ".join(sorted(allowed))},
                code="bad_field",
            )
        if any(element.field == field for element in elements):
            raise ValidationError(
                _("Element %(number)s: %(field)s is listed twice.") % {"number": number, "field": field},
                code="twice",
            )
        sizes = QR_SIZES if field == "qr" else (low, high)
        if not isinstance(size, int) or isinstance(size, bool) or not sizes[0] <= size <= sizes[1]:
            unit = _("mm") if field == "qr" else _("pt")
            raise ValidationError(
                _(
                    "Element %(number)s: the size of %(field)s is a whole number from %(low)s to %(high)s %(unit)s."
                )
                % {"number": number, "field": field, "low": sizes[0], "high": sizes[1], "unit": unit},
                code="bad_size",
            )
        if weight not in WEIGHTS:
            raise ValidationError(
                _("Element %(number)s: the weight is normal or bold.") % {"number": number}, code="bad_weight"
            )
        elements.append(Element(field, size, weight == "bold"))
    if not any(element.field == "name" for element in elements):
        raise ValidationError(_("A layout prints the name."), code="no_name")
    return elements


ELEMENTS_HELP = gettext_lazy(
    'The fields printed, top to bottom: a JSON list such as [{"field": "name", "size": 24, '
    '"weight": "bold"}, {"field": "qr", "size": 25}]. Fields: name, position, organisation, '
    "country, role, qr. Sizes in points (the QR code in mm); weight normal or bold. Place cards "
    "print no role and no QR code; every layout prints the name."
)

"""A list of names pasted into a case's participants: one person a line, as typed or as copied
from a spreadsheet ("Name; country; position", or the same separated by tabs)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from ttdn.cases.text import fold

PASTE_MAX_LINES = 200
NAME_MAX_LENGTH = 255


@dataclass(frozen=True)
class PastedPerson:
    full_name: str
    nationality: str = ""  # an ISO code, or "" when the line names no country
    position: str = ""


def country_codes_by_name() -> dict[str, str]:
    """Every way a line may name a country, folded: its code (JP, JPN) and its name in English
    and in Vietnamese (Nhật Bản, Japan)."""
    names: dict[str, str] = {}
    for language in ("en", "vi"):
        with translation.override(language):
            for code, name in countries:
                names[fold(str(name))] = code
    for code, _name in countries:
        names[fold(code)] = code
        alpha3 = countries.alpha3(code)
        if alpha3:
            names[fold(alpha3)] = code
    return names


def parse_pasted(text: str, *, max_rows: int = PASTE_MAX_LINES) -> list[PastedPerson]:
    """The persons of ``text``, blank lines left out; every line refused is said, by its number,
    in one ValidationError (and then nothing is taken)."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    if len(lines) > max_rows:
        raise ValidationError(_("At most %(count)d names at a time.") % {"count": max_rows})
    by_name: dict[str, str] | None = None
    people: list[PastedPerson] = []
    errors: list[str] = []
    for number, line in lines:
        parts = [part.strip() for part in (line.split("\t") if "\t" in line else line.split(";"))]
        if len(parts) > 3:
            errors.append(
                _("Line %(line)d: at most three parts (name; country; position).") % {"line": number}
            )
            continue
        name, country, position = (*parts, "", "")[:3]
        if not name:
            errors.append(_("Line %(line)d: the name is missing.") % {"line": number})
            continue
        if len(name) > NAME_MAX_LENGTH or len(position) > NAME_MAX_LENGTH:
            errors.append(_("Line %(line)d is too long.") % {"line": number})
            continue
        code = ""
        if country:
            by_name = by_name if by_name is not None else country_codes_by_name()
            code = by_name.get(fold(country), "")
            if not code:
                errors.append(
                    _("Line %(line)d: “%(country)s” is not a country we know.")
                    % {"line": number, "country": country}
                )
                continue
        people.append(PastedPerson(full_name=" ".join(name.split()), nationality=code, position=position))
    if errors:
        raise ValidationError(errors)
    return people

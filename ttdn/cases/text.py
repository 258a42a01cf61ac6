"""Text folded for search: no case, no diacritics, so "ha giang" finds "Hà Giang" on any database."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Letters that do not decompose into a base letter and a combining mark.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ß": "ss", "ł": "l", "Ł": "l"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def case_search_text(
    *,
    reference: str,
    title: str,
    counterpart: tuple[str, ...] = (),
    names: Iterable[str] = (),
    places: Iterable[str] = (),
    agencies: Iterable[str] = (),
) -> str:
    """What the case list's search looks in, folded: the reference, the title, the counterpart's
    names, the participants' names, the programme's places (each once) and the names of the lead
    and co-host agencies. Plain strings: the data migration that fills it uses it too."""
    parts = [reference, title, *counterpart, *names, *dict.fromkeys(places), *agencies]
    return fold(" ".join(part for part in parts if part))

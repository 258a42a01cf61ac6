"""Text folded for search: no case, no diacritics, so "ha giang" finds "Hà Giang" on any database."""

from __future__ import annotations

import unicodedata

# Letters that do not decompose into a base letter and a combining mark.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ß": "ss", "ł": "l", "Ł": "l"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())

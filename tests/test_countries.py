"""Country names as the users read them: no two countries share a name, in Vietnamese or in
English, and the names the package's catalogue confused are told apart (issue 19)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import translation
from django_countries import countries


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_two_countries_share_a_name(language: str) -> None:
    with translation.override(language):
        names = Counter(str(name) for _code, name in countries)
    assert [name for name, times in names.items() if times > 1] == []


def test_the_names_the_catalogue_confused_are_told_apart() -> None:
    with translation.override("vi"):
        named = {code: str(countries.name(code)) for code in ("IS", "IE", "JE", "AT", "NE", "NG", "US", "KP")}
    assert named == {
        "IS": "Iceland",
        "IE": "Ai-len",
        "JE": "Jersey",
        "AT": "Áo",
        "NE": "Niger",
        "NG": "Nigeria",
        "US": "Hoa Kỳ",
        "KP": "Triều Tiên",
    }

"""The print-outs' catalogues: one per guests' language, every word translated (none fuzzy), and
each compiled and found, so that no word falls back to Vietnamese (Django's default language)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext

from ttdn.languages import GUEST_LANGUAGES

LOCALE = Path(settings.BASE_DIR) / "ttdn" / "printouts" / "locale"


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / translation.to_locale(language) / "LC_MESSAGES" / "django.po"))


def _printout_entries(po: polib.POFile) -> set[tuple[str, str]]:
    return {(e.msgctxt, e.msgid) for e in po if e.msgctxt and e.msgctxt.startswith("printout")}


@pytest.mark.parametrize("language", list(GUEST_LANGUAGES))
def test_every_word_of_the_printouts_is_translated_in_each_guests_language(language: str) -> None:
    po = _catalogue(language)
    assert [e.msgid for e in po if not e.msgstr or "fuzzy" in e.flags] == []
    assert not po.metadata_is_fuzzy
    # the same words as the site's Vietnamese catalogue has for the print-outs
    vietnamese = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    assert _printout_entries(po) == _printout_entries(vietnamese)
    assert _printout_entries(po) == {(e.msgctxt, e.msgid) for e in po}  # nothing but the print-outs' words


@pytest.mark.parametrize("language", list(GUEST_LANGUAGES))
def test_each_catalogue_is_compiled_and_used(language: str) -> None:
    po = _catalogue(language)
    with translation.override(language):
        found = {e.msgid: pgettext(e.msgctxt, e.msgid) for e in po}
    assert found == {e.msgid: e.msgstr for e in po}

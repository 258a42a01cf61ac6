"""Vietnamese first, English second: a complete, compiled catalogue; dates as dd/mm/yyyy."""

from __future__ import annotations

import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import formats, translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


def test_every_string_has_a_vietnamese_translation() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))

    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [], "run `make messages` and translate these"
    assert fuzzy == [], "review these translations and drop the fuzzy flag"


def test_the_police_step_has_one_name_kiem_tra_bao_mat() -> None:
    """The police's check of a case is "kiểm tra bảo mật" wherever it is named, not also
    "thẩm định" (appraisal, which in the administration is another procedure)."""
    po = polib.pofile(str(CATALOGUE / "django.po"))

    other = [entry.msgid for entry in po.translated_entries() if "thẩm định" in entry.msgstr.lower()]
    assert other == []
    named = [entry.msgstr for entry in po if entry.msgid in ("Under review", "referral to the police")]
    assert named == ["Đang kiểm tra bảo mật", "chuyển Công an kiểm tra bảo mật"]


def test_the_compiled_catalogue_matches_the_source() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))

    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}
    source = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in po.translated_entries()}
    assert compiled == source, "run `make messages` to compile the catalogue"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_day_month_year_in_both_languages(language: str) -> None:
    with translation.override(language):
        assert formats.date_format(datetime.date(2025, 9, 2), "SHORT_DATE_FORMAT") == "02/09/2025"
        assert formats.date_format(datetime.date(2025, 9, 2)) == "02/09/2025"


def test_dates_are_read_as_day_month_year() -> None:
    from django import forms

    with translation.override("vi"):
        assert forms.DateField().clean("02/09/2025") == datetime.date(2025, 9, 2)


def test_time_zone_is_vietnam() -> None:
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.LANGUAGE_CODE == "vi"

"""The languages a visit's guests may read: what the print-outs handed to them are written in.

The site itself speaks Vietnamese and English (``settings.LANGUAGES``); the print-outs speak these
too, each with its own catalogue in ``locale/`` holding the fixed words of the print-outs (days,
months, activities, roles, headings). What staff type (places, the programme's lines, titles) is
entered beside the Vietnamese on the case, the programme and the person.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

VIETNAMESE = "vi"

# code (Django's, as in locale/<code>) -> name, in the order the forms list them.
GUEST_LANGUAGES: dict[str, object] = {
    "en": _("English"),
    "zh-hans": _("Chinese (simplified)"),
    "lo": _("Lao"),
    "ko": _("Korean"),
    "ja": _("Japanese"),
    "fr": _("French"),
}

# Each language's name in itself, so that a guest recognises theirs on a print-out's choice.
ENDONYMS = {
    VIETNAMESE: "Tiếng Việt",
    "en": "English",
    "zh-hans": "中文",
    "lo": "ພາສາລາວ",
    "ko": "한국어",
    "ja": "日本語",
    "fr": "Français",
}


def guest_language_choices() -> list[tuple[str, object]]:
    """The choices of a case's guest language: Vietnamese (the guests read it), or one of theirs."""
    return [(VIETNAMESE, _("Vietnamese only")), *GUEST_LANGUAGES.items()]

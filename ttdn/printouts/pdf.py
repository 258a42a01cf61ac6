"""Print-outs handed to guests, as PDF: rendered in the guests' language, in fonts that have
their script (Debian's packages: DejaVu and Liberation for Latin and Vietnamese, Noto CJK for
Chinese, Japanese and Korean, Noto Lao for Lao). Nothing is fetched: images (the QR codes) are
inline SVG or data URLs, the styles a file of ``static/css``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ttdn.reports.exports import fetch_nothing

STYLESHEET = settings.BASE_DIR / "static" / "css" / "printouts-pdf.css"

# The families to draw a language's text in, first choice first; Vietnamese text beside it
# (bilingual print-outs) falls through to the Latin families, which have every Vietnamese letter.
LATIN = '"Liberation Serif", "DejaVu Serif", serif'
SCRIPT_FONTS = {
    "zh-hans": '"Noto Serif CJK SC", "Noto Sans CJK SC"',
    "ja": '"Noto Serif CJK JP", "Noto Sans CJK JP"',
    "ko": '"Noto Serif CJK KR", "Noto Sans CJK KR"',
    "lo": '"Noto Serif Lao", "Noto Sans Lao", "Noto Looped Lao"',
}


def font_family(language: str) -> str:
    """The CSS font-family for text in ``language`` (Latin first, so that digits and Vietnamese
    look the same on every print-out; the script's family draws what Latin fonts lack)."""
    script = SCRIPT_FONTS.get(language)
    return f'"Liberation Serif", "DejaVu Serif", {script}, serif' if script else LATIN


def render_pdf(
    template: str, context: dict[str, Any], *, language: str, style_template: str | None = None
) -> bytes:
    """``template`` rendered with ``context`` in ``language`` (its catalogue's fixed words), as PDF,
    drawn in the fonts of the guests' script.

    What a print-out's style takes from its data (a layout's sizes and colour, a long name's
    smaller size) is ``style_template``, a stylesheet rendered with the same context and given to
    WeasyPrint beside static/css/printouts-pdf.css: the HTML templates hold no inline style, as
    every template of the site (its pages' CSP)."""
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    full = {**context, "guest_language": language, "printed": timezone.localtime(),
            "province": settings.TTDN_PROVINCE_NAME}  # fmt: skip
    with translation.override(language):
        html = render_to_string(template, full)
        own_style = render_to_string(style_template, full) if style_template else ""
    stylesheets = [
        CSS(filename=str(STYLESHEET), url_fetcher=fetch_nothing),
        CSS(
            string=f"body {{ font-family: {font_family(language)}; }}\n{own_style}", url_fetcher=fetch_nothing
        ),
    ]
    return bytes(HTML(string=html, url_fetcher=fetch_nothing).write_pdf(stylesheets=stylesheets))


def pdf_response(content: bytes, filename: str, *, attachment: bool = False) -> HttpResponse:
    """A print-out as the answer to a request: shown in the browser (``inline``), or saved as a
    file (``attachment``: the badges and place cards, printed on their own sheets); never cached,
    as it shows a case."""
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response

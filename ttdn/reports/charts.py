"""Bar charts as SVG drawn on the server: no script, no style attribute (the pages' CSP allows
neither), nothing fetched; the page's CSS colours them."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT, GAP, LABEL_WIDTH, WIDTH = 22, 8, 90, 640


def bar_chart(items: list[tuple[str, int]]) -> SafeString:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    if not items:
        return SafeString("")
    top = max(value for _label, value in items) or 1
    room = WIDTH - LABEL_WIDTH - 40
    height = len(items) * (BAR_HEIGHT + GAP)
    bars = format_html_join(
        "",
        '<g><text x="0" y="{}" class="chart__label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart__bar"></rect>'
        '<text x="{}" y="{}" class="chart__value">{}</text></g>',
        (
            (
                n * (BAR_HEIGHT + GAP) + BAR_HEIGHT * 0.7,
                label,
                LABEL_WIDTH,
                n * (BAR_HEIGHT + GAP),
                round(room * value / top, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + round(room * value / top, 1) + 6,
                n * (BAR_HEIGHT + GAP) + BAR_HEIGHT * 0.7,
                value,
            )
            for n, (label, value) in enumerate(items)
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" preserveAspectRatio="xMinYMin meet">{}</svg>',
        WIDTH,
        height,
        bars,
    )

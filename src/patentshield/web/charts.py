"""Bar charts as inline SVG, labelled for screen readers (a title, a description, a table).

The pages draw small charts themselves rather than through Matplotlib: a chart is a few
rectangles and texts, is part of the page (no file, nothing loaded from elsewhere), takes the
page's fonts and language, and can be saved as an ``.svg`` file from the page.

This module is pure: it imports no framework and reads no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 720
BAR_AREA = 420
ROW = 28
LABEL_WIDTH = 200
COLOUR = "#0b5394"
"""Bars in the pages' accent colour (contrast 7.9:1 on white)."""


def bar_chart(
    title: str, labels: Sequence[str], values: Sequence[float], texts: Sequence[str]
) -> str:
    """Return a horizontal bar chart of ``values`` (shown as ``texts``) as an SVG element.

    >>> svg = bar_chart("Loss ratio", ["100", "1,000"], [0.5, 1.0], ["50%", "100%"])
    >>> svg.count("<rect"), "<title" in svg
    (2, True)
    """
    top = max((abs(v) for v in values), default=0.0) or 1.0
    height = ROW * len(values) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
        '<text x="0" y="16" font-size="14" font-weight="bold" fill="#1b1f24">'
        f"{escape(title)}</text>",
    ]
    for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        y = 30 + index * ROW
        width = max(1.0, BAR_AREA * abs(value) / top) if value else 0.0
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" font-size="12" text-anchor="end" '
            f'fill="#1b1f24">{escape(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width:.1f}" height="{ROW - 10}" '
            f'fill="{COLOUR}"/>',
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 16}" font-size="12" '
            f'fill="#1b1f24">{escape(text)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)

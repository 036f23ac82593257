"""Charts drawn on the server as inline SVG (no script, no CDN), each with a text alternative."""
from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH, VALUE_WIDTH = 22, 8, 260, 640, 60


def _shorten(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(rows: list[tuple[str, float]], title: str, max_value: float | None = None,
              value_suffix: str = "") -> Markup:
    """Horizontal bars, one per (label, value), longest first as given; labels and values are text."""
    if not rows:
        return Markup("")
    top = max_value or max((v for _, v in rows), default=0) or 1
    bar_space = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
             f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = max(0.0, min(1.0, value / top)) * bar_space
        shown = f"{value:g}{value_suffix}"
        parts.append(
            f'<g><title>{escape(label)}: {escape(shown)}</title>'
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.1f}" text-anchor="end" class="chart-label">'
            f'{escape(_shorten(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" rx="3" class="chart-bar"/>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR_HEIGHT * 0.7:.1f}" class="chart-value">'
            f'{escape(shown)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))

"""QR codes drawn on the server as inline SVG (segno: no script, no image request), each with its
text alternative; the printed ballot sheet shows the code's text beside it as well."""
from __future__ import annotations

import segno
from markupsafe import Markup, escape


def qr_svg(content: str, label: str, scale: int = 3) -> Markup:
    """The QR code of ``content``, named ``label`` for screen readers."""
    svg = segno.make(content, error="m").svg_inline(scale=scale, svgclass="qr", lineclass=None, omitsize=False)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))

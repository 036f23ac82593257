"""Charts for every page of the web UI: SVG drawn on the server by pygal, made safe for the strict
CSP and readable without sight.

pygal lays the chart out (axes, bars, lines, legends); :func:`_clean` then removes what the CSP would
block or a screen reader would stumble on (its ``<script>``, its ``<style>``, inline ``style``
attributes, the ``<desc>``/``<title>`` notes its tooltips read) and adds the text alternative: the
``<svg>`` gets ``role="img"`` and ``aria-labelledby`` naming its own ``<title>`` (the chart's title)
and ``<desc>`` (every figure in one sentence). Colours and fonts come from the site's stylesheet
(``static/ui/app.css``: ``svg.chart`` rules on pygal's classes ``axis``, ``guide``…, and on ``tone-blue``,
``tone-green``… which replace pygal's ``color-0``, ``color-1``… — see ``TONES``).

Each function returns a :class:`Chart`; writing it in a template gives the whole figure — the SVG,
a caption, and the same figures as a data table under a "Xem bảng số liệu" disclosure (the
fallback for people who cannot see the chart or want the exact numbers)::

    from ..charts import bars, stacked, trend, curve

    chart = bars([("Quý 1/2026", 80.5), ("Quý 2/2026", 91.0)], _("Tỷ lệ hài lòng qua các kỳ"),
                 label_header=_("Kỳ"), value_header=_("Tỷ lệ hài lòng"), unit="%", max_value=100)
    chart = stacked([_("Xã A"), _("Xã B")], [(_("Đã hoàn thành"), [10, 4]), (_("Quá hạn"), [2, 0])],
                    _("Tình trạng bồi dưỡng theo đơn vị"), label_header=_("Đơn vị"))
    chart = trend([_("Quý 1/2026"), _("Quý 2/2026")], [(_("Tỷ lệ hài lòng"), [80.5, None])],
                  _("Tỷ lệ hài lòng qua các kỳ"), label_header=_("Kỳ"), unit="%", max_value=100)
    chart = curve([(_("Mô hình"), [(0.1, 0.08), (0.5, 0.55), (0.9, 0.86)])], _("Đường hiệu chuẩn"),
                  x_title=_("Xác suất dự báo"), y_title=_("Tỷ lệ thực tế"), diagonal=_("Hiệu chuẩn hoàn hảo"))

    {{ chart }}                                   {# figure + caption + data table #}
    {{ chart.render(caption=_("…")) }}            {# another caption than the title #}
    {{ chart.render(table=False) }}               {# the page shows the same figures in its own table #}
    {{ chart.svg }}                               {# the SVG alone (e.g. a dashboard card) #}

An empty chart (no rows) renders as nothing, so ``{% if chart %}`` works. Labels and titles are
text, escaped as such; values are numbers (``None``: no figure, shown as a gap and "—").
"""
from __future__ import annotations

import hashlib
import threading
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import pygal
from flask import render_template
from markupsafe import Markup
from pygal.style import Style

from .i18n import gettext as _

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
WIDTH = 720
LABEL_CHARACTERS = 36  # a longer label is cut in the chart (…); the description and the table keep it whole
# Font sizes pygal lays text out with; app.css draws the text at the same sizes.
STYLE = Style(font_family="sans-serif", label_font_size=13, major_label_font_size=13, value_font_size=12,
              value_label_font_size=12, legend_font_size=13, title_font_size=15, tooltip_font_size=13,
              no_data_font_size=15)  # colours: app.css (pygal's own <style> is removed)
DROPPED = {f"{{{SVG_NS}}}{tag}" for tag in ("script", "style", "desc", "title", "defs")}
# Colour names app.css draws (``svg.chart .tone-…``), in the order series get them by default.
TONES = ("blue", "green", "amber", "red", "purple", "grey", "teal", "brand")
# The SVG of the charts drawn last, by everything that goes into one (kind, title, figures, options):
# pygal's layout and the clean-up cost 10–40 ms of the gateway's CPU a chart, and the home, gap and
# scorecard pages draw the same charts for every visitor until a figure changes.
SVG_KEPT = 256
_svg_kept: OrderedDict = OrderedDict()
_svg_lock = threading.Lock()


@dataclass(frozen=True)
class Chart:
    """One chart: the SVG, its title, its text alternative, and its figures as a table."""
    svg: Markup
    title: str
    summary: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.rows)

    def render(self, caption: str | None = None, table: bool = True) -> Markup:
        """The figure; ``table=False`` where the page already shows the same figures in a table."""
        if not self:
            return Markup("")
        return Markup(render_template("ui/_chart.html", chart=self, caption=caption or self.title, table=table))

    def __html__(self) -> str:  # ``{{ chart }}`` in a template
        return self.render()

    __str__ = __html__


def number(value: float | None, unit: str = "") -> str:
    """How a chart writes a value: at most one decimal, ``—`` for none."""
    if value is None:
        return "—"
    return f"{round(value, 1):g}{unit}"


def _config(chart_class, height: int, *, legend: bool, unit: str, max_value: float | None, values: bool = True,
            legends: Sequence[str] = (), **options):
    columns = 2 if any(len(name) > 14 for name in legends) else 3
    chart = chart_class(js=[], css=[], disable_xml_declaration=True, explicit_size=False, width=WIDTH,
                        height=height, style=STYLE, show_legend=legend, legend_at_bottom=True,
                        legend_at_bottom_columns=columns, print_values=values,
                        value_formatter=lambda v: number(v, unit), print_zeroes=False,
                        truncate_label=LABEL_CHARACTERS, truncate_legend=-1, margin_right=36,
                        no_data_text=_("Chưa có số liệu"), **options)
    if max_value is not None:
        chart.range = (0, max_value)
    return chart


def _whole_ticks(chart, values) -> None:
    """Counts get whole-number ticks (0, 1, 2… — never 0.2, 0.4…) on the value axis (charts without a fixed
    top only)."""
    numbers = [v for v in values if v is not None]
    if numbers and all(float(v).is_integer() for v in numbers):
        top = max(max(numbers), 1)
        step = max(1, -(-int(top) // 8))
        chart.y_labels = list(range(0, int(top) + step, step))


def _chart_id(kind: str, title: str, data: object) -> str:
    return "chart-" + hashlib.sha1(repr((kind, title, data)).encode()).hexdigest()[:10]


def _tone_classes(classes: str, tones: Sequence[str]) -> str:
    """pygal's ``color-N`` becomes the tone the N-th series was given."""
    return " ".join(f"tone-{tones[int(c[6:]) % len(tones)]}" if c.startswith("color-") and c[6:].isdigit() else c
                    for c in classes.split())


def _clean(svg: str, kind: str, chart_id: str, title: str, summary: str, tones: Sequence[str]) -> Markup:
    """pygal's SVG without script, style or tooltip notes; with role, title, description and tones."""
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in DROPPED or "tooltip" in (child.get("class") or "").split():
                parent.remove(child)
    for element in root.iter():
        element.attrib.pop("style", None)
        if "color-" in element.get("class", ""):
            element.set("class", _tone_classes(element.get("class"), tones))
    root.attrib.pop("id", None)
    root.set("class", f"chart chart-{kind}")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-t {chart_id}-d")
    for index, (tag, text) in enumerate((("title", title), ("desc", summary))):
        node = ET.Element(f"{{{SVG_NS}}}{tag}", {"id": f"{chart_id}-{tag[0]}"})
        node.text = text
        root.insert(index, node)
    return Markup(ET.tostring(root, encoding="unicode"))


def _build(kind: str, chart, title: str, summary: str, columns: Sequence[str], rows: list[tuple[str, ...]],
           data: object, tones: Sequence[str] | None = None, options: object = None) -> Chart:
    """``options``: every argument of the drawing not in ``kind``, ``title``, ``data`` or ``tones`` (the
    SVG drawn for the same key before is used again)."""
    if not rows:
        return Chart(Markup(""), title, summary, tuple(columns), ())
    key = repr((kind, title, summary, data, tuple(tones or TONES), options))
    with _svg_lock:
        svg = _svg_kept.get(key)
        if svg is not None:
            _svg_kept.move_to_end(key)
    if svg is None:
        svg = _clean(chart().render(is_unicode=True), kind, _chart_id(kind, title, data), title, summary,
                     tuple(tones or TONES))
        with _svg_lock:
            _svg_kept[key] = svg
            while len(_svg_kept) > SVG_KEPT:
                _svg_kept.popitem(last=False)
    return Chart(svg, title, summary, tuple(columns), tuple(rows))


def bars(rows: Sequence[tuple[str, float | None]], title: str, *, label_header: str | None = None,
         value_header: str | None = None, unit: str = "", max_value: float | None = None,
         horizontal: bool = True) -> Chart:
    """One bar per (label, value), in the order given (horizontal: first at the top)."""
    rows = list(rows)
    kind = "hbar" if horizontal else "bar"

    def chart():
        drawn = _config(pygal.HorizontalBar if horizontal else pygal.Bar, 40 + 34 * max(len(rows), 3) if horizontal
                        else 320, legend=False, unit=unit, max_value=max_value)
        ordered = list(reversed(rows)) if horizontal else rows  # pygal draws horizontal bars bottom up
        drawn.x_labels = [label for label, _v in ordered]
        drawn.add(value_header or title, [value for _l, value in ordered])
        if max_value is None:
            _whole_ticks(drawn, [value for _l, value in rows])
        return drawn

    summary = "; ".join(f"{label}: {number(value, unit)}" for label, value in rows)
    table = [(label, number(value, unit)) for label, value in rows]
    return _build(kind, chart, title, summary, (label_header or _("Mục"), value_header or _("Giá trị")), table,
                  rows, options=(value_header, unit, max_value))


def stacked(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], title: str, *,
            label_header: str | None = None, unit: str = "", horizontal: bool = True,
            max_value: float | None = None, tones: Sequence[str] | None = None) -> Chart:
    """A distribution per category: one stacked bar per category, one colour per series (e.g. each
    compliance status per unit). ``series`` gives, per part, one value per category; ``tones`` names
    each part's colour (``TONES``: green for done, red for overdue…)."""
    categories, series = list(categories), [(name, list(values)) for name, values in series]

    def chart():
        drawn = _config(pygal.HorizontalStackedBar if horizontal else pygal.StackedBar,
                        110 + 34 * max(len(categories), 3) if horizontal else 340, legend=True, unit=unit,
                        max_value=max_value, legends=[name for name, _v in series])
        flip = (lambda values: list(reversed(values))) if horizontal else list
        drawn.x_labels = flip(categories)
        for name, values in series:
            drawn.add(name, flip(values))
        if max_value is None:
            _whole_ticks(drawn, [sum(values[i] or 0 for _n, values in series) for i in range(len(categories))])
        return drawn

    summary = "; ".join(f"{category}: " + ", ".join(f"{name} {number(values[i], unit)}" for name, values in series)
                        for i, category in enumerate(categories))
    table = [(category, *(number(values[i], unit) for _n, values in series)) for i, category in enumerate(categories)]
    columns = (label_header or _("Mục"), *(name for name, _v in series))
    return _build("stacked", chart, title, summary, columns, table if series else [], (categories, series), tones,
                  options=(unit, horizontal, max_value))


def trend(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], title: str, *,
          label_header: str | None = None, unit: str = "", max_value: float | None = None) -> Chart:
    """Lines over ordered labels (periods, oldest first), one per series; ``None`` leaves a gap."""
    labels, series = list(labels), [(name, list(values)) for name, values in series]

    def chart():
        drawn = _config(pygal.Line, 320, legend=len(series) > 1, unit=unit, max_value=max_value,
                        legends=[name for name, _v in series], allow_interruptions=True, dots_size=4)
        drawn.x_labels = labels
        for name, values in series:
            drawn.add(name, values)
        return drawn

    summary = "; ".join(f"{name}: " + ", ".join(f"{label} {number(values[i], unit)}" for i, label in enumerate(labels))
                        for name, values in series)
    table = [(label, *(number(values[i], unit) for _n, values in series)) for i, label in enumerate(labels)]
    has_figures = any(v is not None for _n, values in series for v in values)
    return _build("trend", chart, title, summary, (label_header or _("Kỳ"), *(n for n, _v in series)),
                  table if has_figures else [], (labels, series), options=(unit, max_value))


def curve(series: Sequence[tuple[str, Sequence[tuple[float, float]]]], title: str, *, x_title: str, y_title: str,
          diagonal: str) -> Chart:
    """Points (x, y) joined per series on 0–1 axes, e.g. a calibration curve (predicted probability →
    observed share); ``diagonal`` names the dashed line of perfect agreement, drawn first."""
    series = [(name, [(float(x), float(y)) for x, y in points]) for name, points in series]

    def chart():
        drawn = _config(pygal.XY, 440, legend=True, unit="", max_value=1, xrange=(0, 1), x_title=x_title,
                        y_title=y_title, dots_size=4, values=False)
        drawn.add(diagonal, [(0, 0), (1, 1)], show_dots=False)  # app.css dashes a curve chart's first line
        for name, points in series:
            drawn.add(name, points)
        return drawn

    summary = "; ".join(f"{name}: " + ", ".join(f"({number(x)}; {number(y)})" for x, y in points)
                        for name, points in series)
    table = [(name, number(x), number(y)) for name, points in series for x, y in points]
    return _build("curve", chart, title, summary, (_("Chuỗi"), x_title, y_title), table, series,
                  ("grey", *TONES), options=(x_title, y_title, diagonal))

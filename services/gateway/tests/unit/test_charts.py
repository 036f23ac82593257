"""Charts of every page (gateway/ui/charts.py): the strict CSP admits them (no script, no style, no
event handler), a screen reader reads their title and every figure, and the same figures come as a
data table."""
import re
import xml.etree.ElementTree as ET

import pytest
from flask import Flask

from gateway.ui import charts, i18n

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def app():
    ui = Flask("gateway")  # the package's root path: its templates and translations
    i18n.init_app(ui)
    ui.jinja_env.globals["_"] = i18n.gettext  # as the gateway's ui.init_app sets it
    return ui


@pytest.fixture
def context(app):
    with app.test_request_context():
        yield


def every_chart():
    return [
        charts.bars([("Quý 1/2026", 80.5), ("Quý 2/2026", None), ("<b>Quý 3</b>", 0)], "Tỷ lệ hài lòng", unit="%",
                    max_value=100),
        charts.stacked(["Xã A", "Xã B"], [("Đã hoàn thành", [10, 4]), ("Quá hạn", [2, 0])], "Tình trạng bồi dưỡng",
                       tones=("green", "red")),
        charts.trend(["Quý 1/2026", "Quý 2/2026"], [("Tỷ lệ hài lòng", [80.0, None])], "Xu hướng", unit="%"),
        charts.curve([("Mô hình", [(0.1, 0.08), (0.9, 0.86)])], "Hiệu chuẩn", x_title="Dự báo", y_title="Thực tế",
                     diagonal="Hoàn hảo"),
    ]


def test_no_script_style_or_handler_reaches_the_page(context):
    for chart in every_chart():
        root = ET.fromstring(str(chart.svg))
        tags = {element.tag.removeprefix(SVG) for element in root.iter()}
        assert not tags & {"script", "style", "foreignObject"}, chart.title
        attributes = {name for element in root.iter() for name in element.attrib}
        assert "style" not in attributes and not any(name.startswith("on") for name in attributes), chart.title


def test_a_screen_reader_reads_the_title_and_every_figure(context):
    chart = every_chart()[0]
    root = ET.fromstring(str(chart.svg))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    named = {element.get("id"): element.text for element in root.iter() if element.get("id")}
    assert named[title_id] == "Tỷ lệ hài lòng"
    assert named[desc_id] == "Quý 1/2026: 80.5%; Quý 2/2026: —; <b>Quý 3</b>: 0%"
    # pygal's tooltip notes (coordinates, raw values) are gone: only our title and description remain
    assert [e.tag for e in root.iter() if e.tag in (SVG + "title", SVG + "desc")] == [SVG + "title", SVG + "desc"]


def test_labels_are_text_never_markup(context):
    page = every_chart()[0].render()
    assert "<b>Quý 3</b>" not in page and "&lt;b&gt;Quý 3&lt;/b&gt;" in page
    svg = str(charts.bars([("<script>alert(1)</script>", 3)], "Khoảng trống").svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_bars_are_proportional(context):
    root = ET.fromstring(str(charts.bars([("a", 10), ("b", 5)], "t").svg))
    widths = [float(r.get("width")) for r in root.iter(SVG + "rect") if "rect" in (r.get("class") or "").split()]
    assert len(widths) == 2 and max(widths) == pytest.approx(2 * min(widths)) and min(widths) > 0


def test_the_figure_carries_the_same_figures_as_a_table(context):
    chart = every_chart()[1]
    assert chart.columns == ("Mục", "Đã hoàn thành", "Quá hạn")
    assert chart.rows == (("Xã A", "10", "2"), ("Xã B", "4", "0"))
    page = str(chart)
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", page.split("<table")[1])
    assert cells == ["Mục", "Đã hoàn thành", "Quá hạn", "Xã A", "10", "2", "Xã B", "4", "0"]
    assert "Xem bảng số liệu" in page and "<figcaption>Tình trạng bồi dưỡng</figcaption>" in page
    assert "<table" not in chart.render(table=False)


def test_series_get_the_tones_they_ask_for(context):
    svg = str(every_chart()[1].svg)
    assert "tone-green" in svg and "tone-red" in svg and "color-0" not in svg


def test_no_figures_no_chart(context):
    empty = [charts.bars([], "x"), charts.stacked([], [], "x"), charts.trend(["Q1"], [("a", [None])], "x")]
    for chart in empty:
        assert not chart and chart.render() == "" and str(chart) == ""


def test_the_same_figures_draw_the_same_chart(context):
    """Ids are derived from the figures, so a page renders the same markup twice (and tests can compare)."""
    assert str(every_chart()[2].svg) == str(every_chart()[2].svg)

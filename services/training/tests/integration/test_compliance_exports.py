"""A unit's training compliance exported (PRODUCT.md §6): the XLSX opens with openpyxl and has the unit's
figures, a cadre named like a formula comes back as text; the PDF carries its Vietnamese text in an
embedded font; another unit's HR gets nothing."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cadre_shared.clock import today
from training.domain.text import add_months

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def unit(training):
    feed = training.registry
    unit = feed.unit("Xã Hồng Phong")
    post = feed.position("VP-TK2", "Công chức Văn phòng - Thống kê", "Văn phòng")
    for name, months in (('=HYPERLINK("x")', 11), ("Nguyễn Thị Ánh Tuyết", 30), ("@SUM(A1)", 2)):
        feed.cadre(unit, name, position_id=post, appointed_on=add_months(today(), -months).isoformat())
    return unit


def test_the_xlsx_has_the_units_figures_and_keeps_formulas_as_text(training, unit):
    hr = training.service.caller("unit_hr", unit_id=unit)
    res = hr.get(f"/api/v1/exports/training-compliance.xlsx?unit_id={unit}")
    assert res.status_code == 200 and res.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in res.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(res.data)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    hyperlink = [c for c in cells if c.value == '=HYPERLINK("x")']
    assert hyperlink and all(c.data_type == "s" for c in hyperlink)
    assert all(c.data_type == "s" for c in cells if c.value == "@SUM(A1)")
    header = next(i for i, row in enumerate(sheet.iter_rows(values_only=True)) if row[0] == "STT")
    rows = [row for row in sheet.iter_rows(min_row=header + 2, values_only=True) if isinstance(row[0], int)]
    figures = hr.get(f"/api/v1/training/units/{unit}/compliance").get_json()
    assert len(rows) == figures["summary"]["required"]
    labels = {"done": "Đã hoàn thành", "due_soon": "Sắp đến hạn", "overdue": "Quá hạn",
              "expired": "Chứng chỉ hết hạn", "not_due": "Chưa đến hạn"}
    for status, label in labels.items():
        assert sum(1 for row in rows if row[4] == label) == figures["summary"][status], status
    assert {row[2] for row in rows} == {r["full_name"] for r in figures["by_cadre"]}


def test_the_pdf_reads_back_in_vietnamese(training, unit):
    res = training.service.caller("province_admin").get(f"/api/v1/exports/training-compliance.pdf?unit_id={unit}")
    assert res.status_code == 200 and res.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(res.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("DANH SÁCH TÌNH TRẠNG BỒI DƯỠNG", "Nguyễn Thị Ánh Tuyết", "Xã Hồng Phong", "Thủ trưởng đơn vị",
                     "Độc lập - Tự do - Hạnh phúc"):
        assert expected in text, expected
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVu" in f for f in fonts)


def test_unit_scope_applies(training, unit):
    other = training.registry.unit("Xã Khác")
    stranger = training.service.caller("unit_hr", unit_id=other)
    assert stranger.get(f"/api/v1/exports/training-compliance.xlsx?unit_id={unit}").status_code in (403, 404)
    assert training.service.caller("cadre", cadre_id="c-1").get(
        f"/api/v1/exports/training-compliance.pdf?unit_id={unit}").status_code == 403
    assert training.service.caller("province_admin").get(
        "/api/v1/exports/training-compliance.xlsx").status_code == 422

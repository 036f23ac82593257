"""Exports: formula-safe XLSX cells, a PDF whose Vietnamese text reads back, a clear error without
the font."""
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cadre_shared import exports
from cadre_shared.exports import Column, Report, Signature, formula_safe, to_pdf, to_xlsx

REPORT = Report(issuer=["UBND XÃ TIÊN DU"], title="DANH SÁCH XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC",
                subtitle=["Kỳ đánh giá: Quý IV năm 2026"],
                columns=[Column("STT", 5, align="center"), Column("Họ và tên", 24), Column("Tổng điểm", 10, "0.00")],
                rows=[[1, "Nguyễn Thị Hồng Nhung", 91.125], [2, "=1+1", 70.0], [3, "@SUM(A1)", 50.0],
                      [4, "\tTrần Văn Ấn", 49.99], [5, "-Lê Đức", 10.0]],
                notes=["Ghi chú: xếp loại theo Nghị định 335/2025/NĐ-CP."],
                signature=Signature("Người lập biểu", "Chủ tịch UBND xã", "Tiên Du, ngày 20 tháng 12 năm 2026"))


@pytest.mark.parametrize("value,safe", [("=1+1", True), ("+84", True), ("-5", True), ("@x", True), ("\tA", True),
                                        ("\rA", True), ("Nguyễn", False), (5, False), (None, False)])
def test_which_values_would_be_formulas(value, safe):
    assert formula_safe(value) is safe


def test_xlsx_keeps_texts_as_texts_and_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(to_xlsx(REPORT))).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    for text in ("=1+1", "@SUM(A1)", "\tTrần Văn Ấn", "-Lê Đức"):
        assert cells[text].data_type == "s", text
    assert cells["=1+1"].quotePrefix
    assert cells[91.125].data_type == "n" and cells[91.125].number_format == "0.00"
    assert "Họ và tên" in cells and "Người lập biểu" in cells and "Độc lập - Tự do - Hạnh phúc" in cells


def test_pdf_carries_the_vietnamese_text_with_an_embedded_font():
    reader = PdfReader(io.BytesIO(to_pdf(REPORT)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("DANH SÁCH XẾP LOẠI", "Nguyễn Thị Hồng Nhung", "Người lập biểu", "Tiên Du, ngày 20 tháng 12",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert expected in text, expected
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVu" in f for f in fonts)


def test_a_missing_font_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(exports, "FONT_DIR", tmp_path)
    with pytest.raises(exports.FontMissing, match="fonts-dejavu-core"):
        to_pdf(REPORT)

"""A report answered as a file: XLSX and PDF attachments with their headers, and a server without
the PDF font answering 503 ``font_missing`` instead of a 500."""
import pytest

from cadre_shared import exports
from cadre_shared.downloads import PDF, XLSX, file_responses, pdf_attachment, xlsx_attachment
from cadre_shared.errors import ApiError
from cadre_shared.exports import Column, Report

REPORT = Report(issuer=["UBND XÃ TIÊN DU"], title="DANH SÁCH", subtitle=[], columns=[Column("Họ và tên")],
                rows=[["Nguyễn Thị Hồng Nhung"]])


@pytest.mark.parametrize("answer,content_type,magic,suffix", [(xlsx_attachment, XLSX, b"PK", "xlsx"),
                                                              (pdf_attachment, PDF, b"%PDF", "pdf")])
def test_a_report_is_an_attachment_named_in_plain_letters_and_utf8(answer, content_type, magic, suffix):
    response = answer(REPORT, "Xếp loại")
    assert response.mimetype == content_type and response.get_data().startswith(magic)
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=\"Xep_loai.{suffix}\"; filename*=UTF-8''X%E1%BA%BFp%20lo%E1%BA%A1i.{suffix}")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_missing_font_is_a_503_saying_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(exports, "FONT_DIR", tmp_path)
    with pytest.raises(ApiError) as raised:
        pdf_attachment(REPORT, "Xếp loại")
    assert (raised.value.status, raised.value.code) == (503, "font_missing")
    assert "fonts-dejavu-core" in raised.value.message


def test_the_openapi_answer_is_a_binary_file_of_its_type():
    assert file_responses(PDF) == {"200": {"description": "Tệp / the file", "content": {
        PDF: {"schema": {"type": "string", "format": "binary"}}}}}

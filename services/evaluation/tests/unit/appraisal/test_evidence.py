"""Evidence files are judged by their content, and their name must agree."""
import io
import zipfile

import pytest

from evaluation.appraisal.domain.evidence import MAX_BYTES, evidence_problem, sniff


def package(names: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in names.items():
            z.writestr(name, content)
    return buffer.getvalue()


DOCX = package({"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"})
XLSX = package({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<w/>"})
ODT = package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<o/>"})


@pytest.mark.parametrize("content,code", [(b"%PDF-1.7\n...", "pdf"), (b"\xff\xd8\xff\xe0JFIF", "jpeg"),
                                          (b"\x89PNG\r\n\x1a\n....", "png"), (DOCX, "docx"), (XLSX, "xlsx"),
                                          (ODT, "odt")])
def test_known_types_by_content(content, code):
    assert sniff(content).code == code


@pytest.mark.parametrize("content", [b"MZ\x90\x00 an executable", b"<html><script>", package({"a.txt": "x"}),
                                     b"PK\x03\x04 broken zip"])
def test_other_content_is_refused(content):
    found, problem = evidence_problem("file.pdf", content)
    assert found is None and "PDF, JPEG, PNG" in problem


def test_the_name_must_agree_with_the_content():
    assert evidence_problem("scan.pdf", b"\x89PNG\r\n\x1a\n....")[1].startswith("Tên tệp có đuôi .pdf")
    assert evidence_problem("report.DOCX", DOCX)[0].content_type.endswith("wordprocessingml.document")
    assert evidence_problem("photo.jpeg", b"\xff\xd8\xff\xe0")[0].code == "jpeg"


def test_empty_and_oversized_files_are_refused():
    assert "rỗng" in evidence_problem("a.pdf", b"")[1]
    assert "10 MB" in evidence_problem("a.pdf", b"%PDF-" + b"0" * MAX_BYTES)[1]

"""Uploaded tables (XLSX or CSV) as rows; every file that cannot be read is a 422 on ``file``."""
import csv
import io

import pytest
from openpyxl import Workbook

from cadre_shared.errors import ApiError
from cadre_shared.tables import read_table


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_first_sheet_of_an_xlsx():
    table = read_table(_xlsx([["Mã cán bộ", "Năm sinh"], ["CB001", 1988]]))
    assert table.file_format == "xlsx" and table.rows == [["Mã cán bộ", "Năm sinh"], ["CB001", 1988]]


@pytest.mark.parametrize("content", [
    "Mã cán bộ,Họ và tên\nCB001,Lê Văn An\n".encode(),
    "\ufeffMã cán bộ;Họ và tên\nCB001;Lê Văn An\n".encode(),  # BOM, semicolons (Excel in Vietnamese)
    "Mã cán bộ\tHọ và tên\nCB001\tLê Văn An\n".encode(),
])
def test_a_csv_in_utf8_with_its_separator_guessed_from_the_first_line(content):
    table = read_table(content)
    assert table.file_format == "csv" and table.rows == [["Mã cán bộ", "Họ và tên"], ["CB001", "Lê Văn An"]]


@pytest.mark.parametrize("content,problem", [
    (b"", "rỗng"),
    ("Mã cán bộ\n".encode("utf-16"), "UTF-8"),
    (b"GIF89a\x00\x01\x00", "not a CSV or XLSX file"),
    (b"PK\x03\x04broken", "damaged or not an XLSX file"),
    (b"code,name\nCB001," + b"x" * (csv.field_size_limit() + 1) + b"\n", "malformed CSV"),
])
def test_an_unreadable_file_is_a_422_on_the_file_field(content, problem):
    with pytest.raises(ApiError) as refused:
        read_table(content)
    assert refused.value.status == 422 and problem in refused.value.fields["file"][0]

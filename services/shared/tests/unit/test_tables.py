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


def _openpyxl_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def test_the_fast_xlsx_reader_gives_what_openpyxl_gives():
    """Dates (several formats, 1900 calendar), numbers, booleans, inline and shared strings, empty cells
    and rows at their places, a second sheet ignored: the same values as openpyxl's read-only mode."""
    from datetime import date, datetime, time

    from cadre_shared.tables import _fast_xlsx_rows

    book = Workbook()
    sheet = book.active
    sheet.append(["KẾT QUẢ BỒI DƯỠNG"])
    sheet.append(["Mã cán bộ", "Ngày hoàn thành", "Số giờ", "Đạt", None, "Ghi chú"])
    sheet.append(["CB001", datetime(2026, 10, 2), 24, True, None, "x & y < z"])
    sheet.append(["CB002", date(2026, 3, 31), 12.5, False])
    sheet["B4"].number_format = "dd/mm/yyyy"
    sheet.append([])
    sheet.append(["CB003", "02/10/2026", "16", None, None, None, datetime(2026, 1, 2, 8, 30)])
    sheet["D8"] = 7
    sheet["C8"] = 1e20
    sheet["E8"] = time(8, 30)
    book.create_sheet("Khác").append(["không đọc"])
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()
    fast = _fast_xlsx_rows(content)
    slow = _openpyxl_rows(content)
    assert fast == slow
    assert fast[2][:4] == ["CB001", datetime(2026, 10, 2), 24, True] and fast[3][1] == datetime(2026, 3, 31)


def test_an_xlsx_the_fast_reader_does_not_know_is_read_by_openpyxl(monkeypatch):
    from cadre_shared import tables

    def unknown_layout(_content):
        raise StopIteration("no sheet named as expected")

    monkeypatch.setattr(tables, "_fast_xlsx_rows", unknown_layout)
    assert read_table(_xlsx([["Mã cán bộ"], ["CB001"]])).rows == [["Mã cán bộ"], ["CB001"]]

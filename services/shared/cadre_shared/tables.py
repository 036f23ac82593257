"""Reading an uploaded table — the first sheet of an XLSX, or a CSV in UTF-8 (with or without
BOM; comma, semicolon or tab separated) — into rows of cell values, for every upload (the cadre
list, course results). A file that cannot be read is a 422 on the ``file`` field, never a 500."""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .errors import ApiError


@dataclass(frozen=True)
class Table:
    file_format: str  # "xlsx" | "csv"
    rows: list[list]


def file_error(message: str) -> ApiError:
    """The 422 of an upload whose file as a whole cannot be used."""
    return ApiError(422, "Không đọc được tệp / Unreadable file", {"file": [message]})


def _xlsx_rows(content: bytes) -> list[list]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise file_error("Tệp XLSX hỏng hoặc không đúng định dạng / damaged or not an XLSX file") from None
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise file_error("Tệp CSV phải mã hóa UTF-8 / a CSV file must be UTF-8 encoded") from None
    if "\x00" in text:
        raise file_error("Tệp không phải CSV hay XLSX / not a CSV or XLSX file")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:  # e.g. a field longer than the csv module's limit
        raise file_error("Tệp CSV không đúng định dạng / malformed CSV file") from None


def _xlsx_peek(content: bytes, look_at: int) -> tuple[list[list], int | None]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise file_error("Tệp XLSX hỏng hoặc không đúng định dạng / damaged or not an XLSX file") from None
    try:
        sheet = book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=look_at)]
        try:
            counted = sheet.max_row  # from the sheet's dimension, when its writer gave one
        except Exception:  # noqa: BLE001 — no dimension: the job counts the rows
            counted = None
        return rows, counted
    finally:
        book.close()


def peek_table(content: bytes, look_at: int = 10) -> tuple[Table, int | None]:
    """The first ``look_at`` rows of a table and how many rows it has (None when an XLSX does not say):
    a request checks a file's shape with it without reading every row (a job reads them)."""
    if not content:
        raise file_error("Tệp rỗng / the file is empty")
    if content[:2] == b"PK":
        rows, counted = _xlsx_peek(content, look_at)
        return Table("xlsx", rows), counted
    rows = _csv_rows(content[:64 * 1024].rsplit(b"\n", 1)[0] if len(content) > 64 * 1024 else content)
    return Table("csv", rows[:look_at]), content.count(b"\n") + (0 if content.endswith(b"\n") else 1)


def read_table(content: bytes) -> Table:
    """The rows of an XLSX (it starts like every ZIP file) or of a CSV; an empty file is a 422."""
    if not content:
        raise file_error("Tệp rỗng / the file is empty")
    if content[:2] == b"PK":
        return Table("xlsx", _xlsx_rows(content))
    return Table("csv", _csv_rows(content))

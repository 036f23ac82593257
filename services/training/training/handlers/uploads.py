"""An upload of course results by a training school: read the file, check every row against the
registry copy and the catalogue, store good rows, keep the batch and its per-row report."""
from __future__ import annotations

import csv
import hashlib
import io
import uuid
import zipfile
from dataclasses import asdict

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError
from cadre_shared.sheet_cells import text_of

from ..domain.result_rows import CadreRef, CourseRef, check_rows, find_header, is_blank
from ..models import CadreCopy, Course, UploadBatch
from .clock import today
from .records import record_all

MAX_ROWS = 5000


def _file_error(message: str) -> ApiError:
    return ApiError(422, "Không đọc được tệp / Unreadable file", {"file": [message]})


def read_table(content: bytes) -> tuple[str, list[list]]:
    """(format, rows) of the first sheet of an XLSX, or of a CSV (comma, semicolon or tab separated)."""
    if content[:2] == b"PK":
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise _file_error("Tệp XLSX hỏng hoặc không đúng định dạng / damaged or not an XLSX file") from None
        try:
            return "xlsx", [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error("Tệp CSV phải mã hóa UTF-8 / a CSV file must be UTF-8 encoded") from None
    if "\x00" in text:
        raise _file_error("Tệp không phải CSV hay XLSX / not a CSV or XLSX file")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    try:
        return "csv", [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        raise _file_error("Tệp CSV không đúng định dạng / malformed CSV file") from None


def upload_results(principal: Principal, file_name: str, content: bytes) -> UploadBatch:
    if not content:
        raise _file_error("Tệp rỗng / the file is empty")
    file_format, rows = read_table(content)
    header, missing = find_header(rows)
    if header is None:
        raise _file_error("Thiếu cột / missing columns: " + ", ".join(missing))
    data_rows = sum(1 for row in rows[header.row_index + 1:] if not is_blank(row))
    if data_rows == 0:
        raise _file_error("Tệp không có dòng dữ liệu / the file has no data rows")
    if data_rows > MAX_ROWS:
        raise _file_error(f"Tối đa {MAX_ROWS} dòng mỗi tệp / at most {MAX_ROWS} rows per file")
    at = header.positions["cadre_code"]
    codes = {text_of(row[at]) for row in rows[header.row_index + 1:] if at < len(row)} - {None}
    cadres = {c.code: CadreRef(c.id, c.full_name or "") for c in CadreCopy.objects(code__in=list(codes))}
    courses = {c.id: CourseRef(c.id, c.category, c.hours, c.certificate_months) for c in Course.objects}
    checked = check_rows(rows, header, cadres, courses, today())
    batch = UploadBatch(id=str(uuid.uuid4()), file_name=file_name[:200], file_format=file_format,
                        file_sha256=hashlib.sha256(content).hexdigest(), uploaded_by=principal.user_id,
                        uploaded_by_name=principal.username, rows=data_rows, accepted=len(checked.good),
                        rejected=len(checked.rejected_rows), problems=[asdict(p) for p in checked.problems])
    outcomes = record_all(checked.good, batch.id)
    batch.created, batch.updated, batch.unchanged = outcomes["created"], outcomes["updated"], outcomes["unchanged"]
    batch.save(force_insert=True)
    return batch

"""Reading an uploaded table — the first sheet of an XLSX, or a CSV in UTF-8 (with or without
BOM; comma, semicolon or tab separated) — into rows of cell values, for every upload (the cadre
list, course results). A file that cannot be read is a 422 on the ``file`` field, never a 500."""
from __future__ import annotations

import csv
import io
import logging
import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
from openpyxl.utils.exceptions import InvalidFileException

log = logging.getLogger(__name__)

from .errors import ApiError


@dataclass(frozen=True)
class Table:
    file_format: str  # "xlsx" | "csv"
    rows: list[list]


def file_error(message: str) -> ApiError:
    """The 422 of an upload whose file as a whole cannot be used."""
    return ApiError(422, "Không đọc được tệp / Unreadable file", {"file": [message]})


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _first_sheet(book: zipfile.ZipFile) -> tuple[str, bool]:
    """(the first sheet's part name, whether the workbook counts dates from 1904)."""
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    pr = workbook.find(f"{_MAIN}workbookPr")
    mac = pr is not None and pr.get("date1904") in ("1", "true")
    first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet").get(f"{_REL}id")
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship") if r.get("Id") == first)
    return (target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))), mac


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings, si, rph = [], f"{_MAIN}si", f"{_MAIN}rPh"
    for _event, element in ET.iterparse(io.BytesIO(book.read("xl/sharedStrings.xml"))):
        if element.tag == si:
            phonetic = {id(t) for r in element.iter(rph) for t in r.iter(f"{_MAIN}t")}
            strings.append("".join(t.text or "" for t in element.iter(f"{_MAIN}t") if id(t) not in phonetic))
            element.clear()
    return strings


def _date_styles(book: zipfile.ZipFile) -> dict[str, str]:
    """Style index (as written in a cell's ``s``) → "date" or "timedelta", for the styles that show dates."""
    if "xl/styles.xml" not in book.namelist():
        return {}
    styles = ET.fromstring(book.read("xl/styles.xml"))
    formats = dict(BUILTIN_FORMATS)
    for fmt in styles.iter(f"{_MAIN}numFmt"):
        formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode") or ""
    kinds, xfs = {}, styles.find(f"{_MAIN}cellXfs")
    for index, xf in enumerate(xfs if xfs is not None else ()):
        code = formats.get(int(xf.get("numFmtId") or 0)) or ""
        if is_timedelta_format(code):
            kinds[str(index)] = "timedelta"
        elif is_date_format(code):
            kinds[str(index)] = "date"
    return kinds


def _fast_xlsx_rows(content: bytes) -> list[list]:
    """The first sheet's rows as ``openpyxl``'s read-only ``iter_rows(values_only=True)`` gives them
    (rows and cells at their places, each row as wide as the widest, dates as ``datetime``), read with
    the standard library's XML parser: three times less CPU than openpyxl's cell objects for a
    50,000-row file (issue 22, P5). Anything it does not expect raises, and openpyxl reads the file."""
    rows: list[list] = []
    width = 0
    for kind, value in _fast_xlsx_items(content):
        if kind == "width":  # as wide as the sheet says, like openpyxl
            width = value
        else:
            rows.append(value)
    width = max(width, max((len(r) for r in rows), default=0))
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


def xlsx_row_stream(content: bytes) -> tuple[int, Iterator[list]] | None:
    """The rows of an XLSX one at a time, as ``read_table`` reads them but not padded to the sheet's
    width, for a reader that works on the first rows while the last are parsed (a course-results
    upload stores its first rows meanwhile); with a bound on their number (the sheet's row elements).
    None when the file is not one the fast reader takes (then ``read_table``). The stream raises
    where the fast reader would (``read_table`` then reads the file with openpyxl)."""
    if content[:2] != b"PK":
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            sheet, _mac = _first_sheet(book)
            data = book.read(sheet)
    except Exception:  # noqa: BLE001 — read_table says what is wrong with it
        return None
    bound = data.count(b"<row") + data.count(b":row")  # also counts rowBreaks: a bound
    return bound, (value for kind, value in _fast_xlsx_items(content, data) if kind == "row")


def _fast_xlsx_items(content: bytes, data: bytes | None = None) -> Iterator[tuple[str, object]]:
    """("width", the sheet's stated width) and ("row", its cells) for each row, in order (an empty
    row for each one the sheet leaves out)."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheet, mac = _first_sheet(book)
        shared, dates = _shared_strings(book), _date_styles(book)
        if data is None:
            data = book.read(sheet)
    epoch = CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
    row_tag, cell_tag, value_tag, text_tag = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v", f"{_MAIN}t"
    dimension_tag, count = f"{_MAIN}dimension", 0
    for _event, element in ET.iterparse(io.BytesIO(data)):
        if element.tag == dimension_tag:
            last = _CELL_REF.match((element.get("ref") or "").split(":")[-1])
            yield "width", _column(last.group(1)) + 1 if last else 0
        if element.tag != row_tag:
            continue
        number = element.get("r")
        if number is not None:
            while count < int(number) - 1:
                yield "row", []
                count += 1
        cells: list = []
        for cell in element.iter(cell_tag):
            ref = cell.get("r")
            if ref is not None:
                position = _column(_CELL_REF.match(ref).group(1))
                while len(cells) < position:
                    cells.append(None)
            kind, v = cell.get("t"), cell.find(value_tag)
            text = v.text if v is not None else None
            if kind == "s":
                value = shared[int(text)] if text is not None else None
            elif kind == "inlineStr":
                value = "".join(t.text or "" for t in cell.iter(text_tag))
            elif text is None:
                value = None
            elif kind in ("str", "e"):
                value = text
            elif kind == "b":
                value = text == "1"
            else:  # a number ("n", or no type)
                number_value = float(text)
                value = int(number_value) if number_value.is_integer() and not any(
                    ch in text for ch in ".eE") else number_value
                style = dates.get(cell.get("s") or "0")
                if style is not None:
                    value = from_excel(value, epoch, timedelta=style == "timedelta")
            cells.append(value)
        yield "row", cells
        count += 1
        element.clear()


def _xlsx_rows(content: bytes) -> list[list]:
    try:
        return _fast_xlsx_rows(content)
    except Exception as exc:  # noqa: BLE001 — a layout it does not know: openpyxl reads it (or refuses it)
        log.info("xlsx read by openpyxl (%s: %s)", exc.__class__.__name__, exc)
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

"""Evidence files of output tasks (minh chứng): what may be uploaded, judged by the content and
not only by the name. PDF, JPEG and PNG are known by their first bytes; DOCX, XLSX and ODT are ZIP
packages known by what they hold (word/document.xml, xl/workbook.xml, an OpenDocument text
``mimetype`` entry). The name's extension must agree with what the content is."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000  # a document holds a few dozen parts; thousands mean something else


@dataclass(frozen=True)
class FileType:
    code: str
    content_type: str
    extensions: tuple[str, ...]


TYPES = {t.code: t for t in (
    FileType("pdf", "application/pdf", ("pdf",)),
    FileType("jpeg", "image/jpeg", ("jpg", "jpeg")),
    FileType("png", "image/png", ("png",)),
    FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)),
    FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
    FileType("odt", "application/vnd.oasis.opendocument.text", ("odt",)),
)}
ALLOWED_VI = "PDF, JPEG, PNG, DOCX, XLSX, ODT"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _package_type(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            infos = package.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            names = {i.filename for i in infos}
            if "mimetype" in names and package.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def sniff(content: bytes) -> FileType | None:
    """The allowed type the content is, or None."""
    if content.startswith(b"%PDF-"):
        return TYPES["pdf"]
    if content.startswith(b"\xff\xd8\xff"):
        return TYPES["jpeg"]
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return TYPES["png"]
    if content.startswith(b"PK\x03\x04"):
        code = _package_type(content)
        return TYPES[code] if code else None
    return None


def evidence_problem(name: str, content: bytes) -> tuple[FileType | None, str | None]:
    """(the file's type, None) when it may be stored, else (None, why not)."""
    if not content:
        return None, "Tệp rỗng / the file is empty"
    if len(content) > MAX_BYTES:
        return None, f"Tệp quá {MAX_BYTES // (1024 * 1024)} MB / the file is over {MAX_BYTES // (1024 * 1024)} MB"
    found = sniff(content)
    if found is None:
        return None, f"Chỉ nhận tệp {ALLOWED_VI} / only {ALLOWED_VI} files are accepted"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in found.extensions:
        return None, (f"Tên tệp có đuôi .{extension or '?'} nhưng nội dung là {found.code.upper()} / the name says "
                      f".{extension or '?'} but the content is {found.code.upper()}")
    return found, None

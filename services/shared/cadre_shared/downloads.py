"""A file as an HTTP answer: its content type, ``Content-Disposition`` with the name in plain
letters and in UTF-8 (RFC 6266), never sniffed by the browser, never cached by a proxy; and a
``Report`` (cadre_shared.exports) answered as XLSX or PDF, with the OpenAPI description of such an
answer, for every service's export endpoints."""
from __future__ import annotations

from typing import Iterable
from urllib.parse import quote

from flask import Response
from unidecode import unidecode

from .errors import ApiError
from .exports import FontMissing, Report, to_pdf, to_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def attachment(content: bytes | Iterable[bytes], content_type: str, filename: str, size: int | None = None,
               inline: bool = False) -> Response:
    plain = "".join(c if c.isalnum() or c in "._-" else "_" for c in unidecode(filename)) or "download"
    disposition = f"{'inline' if inline else 'attachment'}; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"
    response = Response(content, mimetype=content_type, direct_passthrough=not isinstance(content, bytes))
    response.headers.update({"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
                             "Cache-Control": "private, no-store"})
    if size is not None:
        response.headers["Content-Length"] = str(size)
    return response


def file_responses(content_type: str) -> dict:
    """flask-smorest ``doc(responses=...)`` for an endpoint whose 200 is a file of this type."""
    return {"200": {"description": "Tệp / the file", "content": {content_type: {"schema": {"type": "string",
                                                                                         "format": "binary"}}}}}


def xlsx_attachment(report: Report, name: str) -> Response:
    return attachment(to_xlsx(report), XLSX, f"{name}.xlsx")


def pdf_attachment(report: Report, name: str) -> Response:
    """The printable PDF; a server without the font answers 503 saying what to install."""
    try:
        content = to_pdf(report)
    except FontMissing as exc:
        raise ApiError(503, f"Máy chủ thiếu phông chữ để in PDF / the server lacks the PDF font: {exc}",
                       code="font_missing") from None
    return attachment(content, PDF, f"{name}.pdf")

"""A file as an HTTP answer: its content type, ``Content-Disposition`` with the name in plain
letters and in UTF-8 (RFC 6266), never sniffed by the browser, never cached by a proxy."""
from __future__ import annotations

from typing import Iterable
from urllib.parse import quote

from flask import Response
from unidecode import unidecode


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

"""Every request's body is read to its end before the response goes out, even when the answer
(401, 429, 404…) needed none of it.

gunicorn's threaded worker keeps a connection open for the client's next request. When a body
the application left unread arrives after the answer (the client sent its headers and its body
in two packets and was slowed between them), the connection turns readable, a worker thread
picks it up, skips the old body and then waits, without a timeout, for a next request that a
kiosk's browser or a proxy holding the connection open may never send. Four such connections
take all four threads of a worker, and every request that worker accepts afterwards waits until
one of those clients goes away. Reading the body here leaves the connection idle and clean, so it
is only picked up again for a real request.

A JSON body is also checked, before any handler runs, for text the store cannot hold."""
from __future__ import annotations

from flask import request
from werkzeug.exceptions import HTTPException

from .errors import ApiError

CHUNK = 64 * 1024


def drain_unread_body(response):
    if request.content_length or request.headers.get("Transfer-Encoding", "").lower() == "chunked":
        try:
            stream = request.stream  # bounded by Content-Length (and MAX_CONTENT_LENGTH) by Werkzeug
            while stream.read(CHUNK):
                pass
        except (HTTPException, OSError, ValueError):
            pass  # too large, or the client went away: nothing left to keep the connection clean for
    return response


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def refuse_unencodable_text():
    """JSON may spell a lone UTF-16 surrogate (``"\\ud800"``), which is no character at all: the
    store's driver cannot encode it and the write failed as a 500 (or a 503 when the connection
    broke on it). Refused here, before any handler runs, as invalid input."""
    if request.is_json and request.content_length:
        for text in _texts(request.get_json(silent=True)):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise ApiError(422, "Văn bản chứa ký tự không hợp lệ / text contains an invalid character "
                                    "(lone surrogate)") from None


def init_app(app) -> None:
    app.before_request(refuse_unencodable_text)
    app.after_request(drain_unread_body)

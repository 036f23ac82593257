"""Every request's body is read to its end before the response goes out, even when the answer
(401, 429, 404…) needed none of it.

gunicorn's threaded worker keeps a connection open for the client's next request. When a body
the application left unread arrives after the answer (the client sent its headers and its body
in two packets and was slowed between them), the connection turns readable, a worker thread
picks it up, skips the old body and then waits, without a timeout, for a next request that a
kiosk's browser or a proxy holding the connection open may never send. Four such connections
take all four threads of a worker, and every request that worker accepts afterwards waits until
one of those clients goes away. Reading the body here leaves the connection idle and clean, so it
is only picked up again for a real request."""
from __future__ import annotations

from flask import request
from werkzeug.exceptions import HTTPException

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


def init_app(app) -> None:
    app.after_request(drain_unread_body)

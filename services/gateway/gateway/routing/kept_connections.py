"""The kiosk door's hop to the survey service over one persistent HTTP/1.1 connection per gateway
thread and upstream (the standard library's ``http.client``), not through ``requests``: on the
path of every citizen's answer, ``requests`` (sessions, adapters, environment lookups) cost about
a millisecond of the gateway's CPU more per call (measured against a local server).

It keeps ``requests``' guarantees for a proxied call: a connection the service closed while idle
(its keep-alive ran out, or it restarted) is noticed before it is used and replaced; a request
is never sent twice (a failure once it is on the wire answers 503, a read beyond the timeout 504,
as the other hop does), so nothing that is not idempotent can repeat; the service is asked not to
compress, so the bytes it answers are handed on as they came."""
from __future__ import annotations

import http.client
import logging
import select
import threading
from urllib.parse import quote, urlsplit

from cadre_shared.errors import ApiError

log = logging.getLogger(__name__)
CONNECT_TIMEOUT, READ_TIMEOUT = 2, 30
UNAVAILABLE = "Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại / Service unavailable"
TIMED_OUT = "Dịch vụ trả lời quá chậm, vui lòng thử lại / Service timed out"
_local = threading.local()


# RFC 3986 path characters left as they are; everything else (a space, a control character, a letter
# with diacritics, "%" itself) is percent-encoded, so the service decodes the very path the caller sent
_PATH_SAFE = "/!$&'()*+,;=:@-._~"


def wire_path(path: str, query_string: bytes) -> str:
    """The request target for ``http.client`` from Flask's decoded ``path`` and the raw query string:
    ``http.client`` sends the target as given and refuses one with a space or a control character (the
    API fuzzer's photo requests got 503 for it), where ``requests`` quotes it."""
    target = quote(path, safe=_PATH_SAFE)
    return f"{target}?{query_string.decode('latin-1')}" if query_string else target


def send(base: str, method: str, path: str, headers: dict, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body) of ``method path`` sent to the service at ``base``."""
    conn = _connection(base)
    try:
        conn.request(method, path, body=body or None, headers={**headers, "Accept-Encoding": "identity"})
        response = conn.getresponse()
        content = response.read()
    except TimeoutError:
        _drop(base)
        log.warning("upstream %s timed out", base)
        raise ApiError(504, TIMED_OUT, code="upstream_timeout") from None
    except (http.client.HTTPException, OSError) as exc:
        _drop(base)
        log.warning("upstream %s unavailable: %s", base, exc.__class__.__name__)
        raise ApiError(503, UNAVAILABLE, code="service_unavailable") from None
    if response.will_close:
        _drop(base)
    return response.status, response.getheaders(), content


def _connection(base: str) -> http.client.HTTPConnection:
    kept = _local.__dict__.setdefault("connections", {})
    conn = kept.get(base)
    if conn is not None and conn.sock is not None and _closed_by_peer(conn.sock):
        conn.close()  # reconnects below, before anything is sent
    if conn is None:
        parts = urlsplit(base)
        conn = kept[base] = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=CONNECT_TIMEOUT)
    if conn.sock is None:
        try:
            conn.connect()
        except TimeoutError:
            raise ApiError(504, TIMED_OUT, code="upstream_timeout") from None
        except OSError as exc:
            log.warning("upstream %s unavailable: %s", base, exc.__class__.__name__)
            raise ApiError(503, UNAVAILABLE, code="service_unavailable") from None
        conn.sock.settimeout(READ_TIMEOUT)
    return conn


def _closed_by_peer(sock) -> bool:
    """An idle kept-alive connection that reads as ready has been closed by the service (or holds
    bytes nobody asked for): either way it must not carry the next request."""
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


def _drop(base: str) -> None:
    conn = _local.__dict__.get("connections", {}).pop(base, None)
    if conn is not None:
        conn.close()

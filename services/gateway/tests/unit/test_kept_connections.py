"""The kiosk door's hop over a kept connection, against a real local HTTP server: one connection
reused, one the server closed while idle replaced before use, nothing sent twice, and the
errors of the other hop (503 unreachable, 504 too slow)."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cadre_shared.errors import ApiError
from gateway.routing import kept_connections


class Upstream(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list = []  # (client port, method, path, body, accept-encoding) of each request

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Upstream.seen.append((self.client_address[1], self.command, self.path, body,
                              self.headers.get("Accept-Encoding")))
        if self.path == "/slow":
            time.sleep(0.5)
        if self.path == "/close":
            self.close_connection = True
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Retry-After", "7")
        self.send_header("Content-Length", "8")
        self.end_headers()
        self.wfile.write(b'{"ok":1}')

    def log_message(self, *_args):
        pass


@pytest.fixture
def upstream():
    Upstream.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    kept_connections._local.__dict__.clear()


def test_answers_come_back_whole_over_one_kept_connection(upstream):
    _server, base = upstream
    for n in range(3):
        status, headers, body = kept_connections.send(base, "POST", f"/answer?n={n}", {"X-Request-ID": "r"}, b"{}")
        assert status == 201 and body == b'{"ok":1}' and dict(headers)["Retry-After"] == "7"
    assert [(method, path, body) for _port, method, path, body, _enc in Upstream.seen] == [
        ("POST", f"/answer?n={n}", b"{}") for n in range(3)]
    assert len({port for port, *_rest in Upstream.seen}) == 1  # the same connection each time
    assert {enc for *_rest, enc in Upstream.seen} == {"identity"}  # bytes handed on as they come


def test_a_connection_the_service_closed_is_replaced_before_it_is_used(upstream):
    _server, base = upstream
    assert kept_connections.send(base, "POST", "/close", {}, b"1")[0] == 201
    kept = kept_connections._local.connections[base]
    deadline = time.monotonic() + 10
    while not kept_connections._closed_by_peer(kept.sock) and time.monotonic() < deadline:
        time.sleep(0.01)  # the server closes its end just after answering
    assert kept_connections.send(base, "POST", "/after", {}, b"2")[0] == 201
    assert [path for _port, _m, path, _b, _e in Upstream.seen] == ["/close", "/after"]  # each sent once
    assert len({port for port, *_rest in Upstream.seen}) == 2


def test_an_unreachable_service_answers_503(upstream):
    server, base = upstream
    server.shutdown()
    server.server_close()
    with pytest.raises(ApiError) as refused:
        kept_connections.send(base, "POST", "/answer", {}, b"{}")
    assert refused.value.status == 503


def test_a_service_slower_than_the_read_timeout_answers_504_and_is_not_asked_twice(upstream, monkeypatch):
    _server, base = upstream
    monkeypatch.setattr(kept_connections, "READ_TIMEOUT", 0.1)
    with pytest.raises(ApiError) as slow:
        kept_connections.send(base, "POST", "/slow", {}, b"{}")
    assert slow.value.status == 504
    assert kept_connections.send(base, "POST", "/next", {}, b"{}")[0] == 201
    assert [path for _port, _m, path, _b, _e in Upstream.seen] == ["/slow", "/next"]


def test_a_path_with_spaces_control_characters_or_diacritics_reaches_the_service_as_sent(upstream):
    """Flask hands the gateway the decoded path; the hop encodes it again (the fuzzer's kiosk photo
    requests with such ids got 503 when it was sent raw)."""
    _server, base = upstream
    target = kept_connections.wire_path("/kiosk/staff/a b\x01ệ%/photo", b"size=1&x=%C3%A1")
    assert target == "/kiosk/staff/a%20b%01%E1%BB%87%25/photo?size=1&x=%C3%A1"
    status, _headers, _body = kept_connections.send(base, "POST", target, {}, b"{}")
    assert status == 201 and Upstream.seen[-1][2] == target
    assert kept_connections.wire_path("/kiosk/responses", b"") == "/kiosk/responses"

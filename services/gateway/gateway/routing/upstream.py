"""The hop to the owning service: forwarding a public API request as it came, and the gateway's
own calls (the web UI, the registry checks) as a given token's holder."""
from __future__ import annotations

import json as json_module
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from requests.structures import CaseInsensitiveDict
from flask import Response, current_app, g, request

from cadre_shared.errors import ApiError

from . import kept_connections
from .routes import owner_of

log = logging.getLogger(__name__)

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "content-length", "content-encoding", "host"}
# Credentials the gateway itself checks and replaces with a token of its own: never passed on.
GATEWAY_CREDENTIALS = {"x-api-key"}
CONNECT_TIMEOUT, READ_TIMEOUT = 2, 30
UNAVAILABLE = "Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại / Service unavailable"
TIMED_OUT = "Dịch vụ trả lời quá chậm, vui lòng thử lại / Service timed out"
_session = requests.Session()


def _send(method: str, url: str, service_key: str, read_timeout: float | None = None,
          **kwargs) -> requests.Response:
    try:
        try:
            return _session.request(method, url, timeout=(CONNECT_TIMEOUT, read_timeout or READ_TIMEOUT),
                                    allow_redirects=False, **kwargs)
        except requests.ConnectionError:
            # a read goes again once: the service may have closed the pooled connection (its keep-alive
            # ran out) just as it was used; a write is never sent twice
            if method.upper() not in ("GET", "HEAD"):
                raise
            return _session.request(method, url, timeout=(CONNECT_TIMEOUT, read_timeout or READ_TIMEOUT),
                                    allow_redirects=False, **kwargs)
    except requests.Timeout:
        log.warning("upstream %s timed out", service_key)
        raise ApiError(504, TIMED_OUT, code="upstream_timeout") from None
    except requests.RequestException as exc:
        log.warning("upstream %s unavailable: %s", service_key, exc.__class__.__name__)
        raise ApiError(503, UNAVAILABLE, code="service_unavailable") from None


def forward(service_key: str, authorization: str | None = None, kept_connection: bool = False) -> Response:
    """Send the current request to the owning service with the caller's identity and request id
    (``kept_connection``: over this thread's persistent connection, the kiosk door's lighter hop)."""
    base = current_app.config[service_key]
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | GATEWAY_CREDENTIALS}
    headers["X-Request-ID"] = g.request_id
    if authorization is not None:
        headers["Authorization"] = authorization
    if kept_connection:
        status, got, content = kept_connections.send(base, request.method,
                                                      kept_connections.wire_path(request.path, request.query_string),
                                                      headers, request.get_data())
    else:
        upstream = _send(request.method, base + request.full_path.rstrip("?"), service_key, headers=headers,
                         data=request.get_data())
        status, got, content = upstream.status_code, upstream.headers.items(), upstream.content
    out_headers = [(k, v) for k, v in got if k.lower() not in HOP_BY_HOP]
    return Response(content, status=status, headers=out_headers)


@dataclass(frozen=True)
class Reply:
    status: int
    body: object
    headers: dict
    content: bytes = b""  # the answer as it came (a file the web UI hands on)

    @property
    def ok(self) -> bool:
        return self.status < 400

    def error_fields(self) -> dict:
        err = self.body.get("error", {}) if isinstance(self.body, dict) else {}
        return err.get("fields") or {}

    def error_message(self) -> str:
        err = self.body.get("error", {}) if isinstance(self.body, dict) else {}
        return err.get("message") or ""


def call(method: str, path: str, token: str | None, *, params: dict | None = None, json: object = None,
         files: dict | None = None, data: dict | None = None, timeout: float | None = None) -> Reply:
    """Ask the owning service directly (the web UI and the gateway's own checks), as ``token``'s holder
    (None: as the public, for the endpoints open without sign-in); ``timeout``: how long to wait for
    the answer (a long import more than the usual 30 s)."""
    service_key = owner_of(path)
    if service_key is None:
        raise ValueError(f"no service owns {path}")
    headers = {"X-Request-ID": g.get("request_id") or ""}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if files is None and data is None and timeout is None:
        # a page's ordinary call: over this thread's kept connection (a page makes several; requests'
        # session machinery cost about a millisecond of the gateway's CPU each)
        status, got, content = _kept(method, current_app.config[service_key], path, params, json, headers)
        reply_headers = CaseInsensitiveDict(got)
    else:
        upstream = _send(method, current_app.config[service_key] + path, service_key, timeout, headers=headers,
                         params=params, json=json, files=files, data=data)
        status, reply_headers, content = upstream.status_code, upstream.headers, upstream.content
    try:
        body = json_module.loads(content) if content else None
    except ValueError:
        body = None
    return Reply(status, body, reply_headers, content)


def _kept(method: str, base: str, path: str, params: dict | None, body: object,
          headers: dict) -> tuple[int, list[tuple[str, str]], bytes]:
    query = urlencode([(k, v) for k, v in (params or {}).items() if v is not None], doseq=True)
    payload = b""
    if body is not None:
        payload = json_module.dumps(body).encode()
        headers = {**headers, "Content-Type": "application/json"}
    target = kept_connections.wire_path(path, query.encode())
    try:
        return kept_connections.send(base, method, target, headers, payload)
    except ApiError as exc:
        # a read may go again on a new connection (the service may have closed the kept one just as it
        # was used); a write never is sent twice
        if method.upper() != "GET" or exc.status != 503:
            raise
        return kept_connections.send(base, method, target, headers, payload)


def lookup_as_caller(path: str) -> tuple[int, object]:
    """(status, body) of a GET to the owning service with the caller's own token: how handlers
    read the registry on the public API's path (the service checks the token and scope too)."""
    reply = call("GET", path, request.headers.get("Authorization", "").partition(" ")[2].strip())
    return reply.status, reply.body

"""Which service owns which part of the public API, and the forwarding itself."""
from __future__ import annotations

import logging

import requests
from flask import Response, current_app, g, request

from cadre_shared.errors import ApiError

log = logging.getLogger(__name__)

# Longest prefix wins. Paths under /api/v1/ not listed here are answered by the gateway or 404.
ROUTES: list[tuple[str, str]] = [
    ("/api/v1/units", "EVALUATION_URL"),
    ("/api/v1/positions", "EVALUATION_URL"),
    ("/api/v1/cadres", "EVALUATION_URL"),
    ("/api/v1/competencies", "EVALUATION_URL"),
    ("/api/v1/standards", "EVALUATION_URL"),
    ("/api/v1/imports", "EVALUATION_URL"),
    ("/api/v1/periods", "EVALUATION_URL"),
    ("/api/v1/tasks", "EVALUATION_URL"),
    ("/api/v1/ratings", "EVALUATION_URL"),
    ("/api/v1/scoring", "EVALUATION_URL"),
    ("/api/v1/classification", "EVALUATION_URL"),
    ("/api/v1/risk", "EVALUATION_URL"),
    ("/api/v1/scorecard", "EVALUATION_URL"),
    ("/api/v1/kiosk/", "SURVEY_URL"),
    ("/api/v1/satisfaction", "SURVEY_URL"),
    ("/api/v1/surveys", "SURVEY_URL"),
    ("/api/v1/responses", "SURVEY_URL"),
    ("/api/v1/courses", "TRAINING_URL"),
    ("/api/v1/training", "TRAINING_URL"),
]
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "content-length", "content-encoding", "host"}
_session = requests.Session()


def owner_of(path: str) -> str | None:
    best = None
    for prefix, key in ROUTES:
        if (path == prefix.rstrip("/") or path.startswith(prefix.rstrip("/") + "/") or path.startswith(prefix)) \
                and (best is None or len(prefix) > len(best[0])):
            best = (prefix, key)
    return best[1] if best else None


def forward(service_key: str, authorization: str | None = None) -> Response:
    """Send the current request to the owning service with the caller's identity and request id."""
    base = current_app.config[service_key]
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    headers["X-Request-ID"] = g.request_id
    if authorization is not None:
        headers["Authorization"] = authorization
    try:
        upstream = _session.request(request.method, base + request.full_path.rstrip("?"), headers=headers,
                                    data=request.get_data(), timeout=(2, 30), allow_redirects=False)
    except requests.RequestException as exc:
        log.warning("upstream %s unavailable: %s", service_key, exc.__class__.__name__)
        raise ApiError(503, "Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại / Service unavailable") from None
    out_headers = [(k, v) for k, v in upstream.headers.items() if k.lower() not in HOP_BY_HOP]
    return Response(upstream.content, status=upstream.status_code, headers=out_headers)

"""Forwarding to the services: identity and request id passed on, clear 503/504, audit of writes,
operator payloads stopped — against a real HTTP server standing in for a service."""
from __future__ import annotations

import json
import threading
import time

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from support.platform import free_port

from .conftest import bearer, make_gateway

pytestmark = pytest.mark.integration
SEEN: list[dict] = []


@Request.application
def fake_service(request: Request) -> Response:
    SEEN.append({"path": request.path, "args": dict(request.args), "headers": dict(request.headers),
                 "body": request.get_data(as_text=True)})
    if request.path == "/api/v1/positions":
        time.sleep(3)
    if request.method == "POST":
        return Response(json.dumps({"id": "made-by-service"}), status=201, mimetype="application/json")
    return Response(json.dumps([{"ok": True}]), mimetype="application/json", headers={"X-Total-Count": "1"})


@pytest.fixture(scope="module")
def gateway_app(infra, tmp_path_factory):
    port = free_port()
    server = make_server("127.0.0.1", port, fake_service, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app = make_gateway(infra, tmp_path_factory.mktemp("keys"), EVALUATION_URL=f"http://127.0.0.1:{port}",
                       SURVEY_URL=f"http://127.0.0.1:{free_port()}")
    yield app
    server.shutdown()


def test_caller_identity_request_id_and_query_reach_the_service(client):
    headers = {**bearer(client), "X-Request-ID": "req-route-1"}
    reply = client.get("/api/v1/cadres", headers=headers, query_string={"q": "nguyen", "page": 2})
    assert reply.status_code == 200 and reply.get_json() == [{"ok": True}]
    assert reply.headers["X-Request-ID"] == "req-route-1" and reply.headers["X-Total-Count"] == "1"
    seen = SEEN[-1]
    assert seen["headers"]["Authorization"] == headers["Authorization"]
    assert seen["headers"]["X-Request-Id"] == "req-route-1"
    assert seen["args"] == {"q": "nguyen", "page": "2"}


def test_a_down_service_gives_a_clear_503(client):
    reply = client.get("/api/v1/satisfaction", headers=bearer(client))
    assert reply.status_code == 503
    assert reply.get_json()["error"]["code"] == "service_unavailable"
    assert "không sẵn sàng" in reply.get_json()["error"]["message"]


def test_a_slow_service_gives_504(client, monkeypatch):
    from gateway.routing import upstream

    monkeypatch.setattr(upstream, "READ_TIMEOUT", 1)
    reply = client.get("/api/v1/positions", headers=bearer(client))
    assert reply.status_code == 504 and reply.get_json()["error"]["code"] == "upstream_timeout"


def test_writes_through_the_proxy_are_audited_with_what_they_created(client):
    headers = {**bearer(client), "X-Request-ID": "req-route-write"}
    assert client.post("/api/v1/cadres", headers=headers, json={"full_name": "Ngô Thị Lan"}).status_code == 201
    [record] = client.get("/api/v1/audit", headers=bearer(client),
                          query_string={"request_id": "req-route-write"}).get_json()
    assert (record["action"], record["target"], record["outcome"], record["actor"]) == (
        "POST /api/v1/cadres", "cadres/made-by-service", "success", "admin")
    assert "Ngô Thị Lan" not in json.dumps(record, ensure_ascii=False)  # no dossier content in the trail


def test_operators_never_reach_the_service(client):
    before = len(SEEN)
    headers = bearer(client)
    body = client.post("/api/v1/cadres", headers=headers, json={"unit_id": {"$ne": None}})
    query = client.get("/api/v1/cadres", headers=headers, query_string={"unit_id[$ne]": "x"})
    assert body.status_code == query.status_code == 422
    assert set(body.get_json()["error"]["fields"]) == {"unit_id"}
    assert len(SEEN) == before


def test_unknown_api_paths_are_json_404_and_pages_are_html_404(client):
    api = client.get("/api/v1/nothing-here", headers=bearer(client))
    assert api.status_code == 404 and api.get_json()["error"]["code"] == "not_found"
    page = client.get("/nothing-here")
    assert page.status_code == 404 and "Không tìm thấy" in page.get_data(as_text=True)

"""The end of the audit trail: cutting off the newest records or rewriting the chain's tip is
reported by ``python -m gateway.audit.verify`` (the tip's seal and the anchor outside the store);
a write whose audit record cannot be written is refused before it reaches the service."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pymongo import MongoClient
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from gateway.models import AuditRecord, AuditTip

from .conftest import bearer, make_gateway, sign_in

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[4]


class Upstream:
    """A stand-in evaluation service on a real socket, counting the requests that reach it."""

    def __init__(self):
        self.requests: list[str] = []
        self.server = make_server("127.0.0.1", 0, self._answer, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @Request.application
    def _answer(self, request):
        self.requests.append(f"{request.method} {request.path}")
        return Response(json.dumps({"id": "u1"}), status=201 if request.method == "POST" else 200,
                        mimetype="application/json")


@pytest.fixture(scope="module")
def upstream():
    server = Upstream()
    yield server
    server.server.shutdown()


@pytest.fixture(scope="module")
def gateway_app(infra, tmp_path_factory, upstream):
    app = make_gateway(infra, tmp_path_factory.mktemp("keys"), EVALUATION_URL=upstream.url,
                       AUDIT_ANCHOR_FILE=str(tmp_path_factory.mktemp("anchor") / "audit-anchor.json"))
    yield app
    app.extensions["c360_audit_verifier"].close()


@pytest.fixture
def client(gateway_app):
    return gateway_app.test_client()


def _verify_cli(app, anchored: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(ROOT / "services" / s) for s in ("shared", "gateway")),
           "C360_MONGO_URI": app.config["MONGO_URI"], "C360_JWT_PRIVATE_KEY_FILE": app.config["JWT_PRIVATE_KEY_FILE"],
           "C360_AUDIT_ANCHOR_FILE": app.config["AUDIT_ANCHOR_FILE"] if anchored else ""}
    return subprocess.run([sys.executable, "-m", "gateway.audit.verify"], env=env, capture_output=True, text=True,
                          timeout=120)


def _anchor(app) -> dict:
    return json.loads(Path(app.config["AUDIT_ANCHOR_FILE"]).read_text())


def _tip() -> dict:
    return AuditTip._get_collection().find_one({"_id": "audit"})


def test_cutting_off_the_newest_records_and_putting_back_an_older_tip_is_reported(client, gateway_app):
    for _ in range(2):
        assert sign_in(client).status_code == 200
    old_tip = _tip()  # genuinely sealed: what an administrator could have kept aside
    for _ in range(3):
        assert sign_in(client).status_code == 200
    verifier = gateway_app.extensions["c360_audit_verifier"]
    verifier.run_once()
    anchored = _anchor(gateway_app)
    assert anchored["seq"] == _tip()["seq"] >= old_tip["seq"] + 3
    records, tips = AuditRecord._get_collection(), AuditTip._get_collection()
    newest = [records.find_one({"_id": seq}) for seq in range(old_tip["seq"] + 1, _tip()["seq"] + 1)]
    current_tip = _tip()
    try:
        records.delete_many({"_id": {"$gt": old_tip["seq"]}})
        tips.replace_one({"_id": "audit"}, old_tip)
        assert _verify_cli(gateway_app, anchored=False).returncode == 0, "the store alone looks whole"
        report = _verify_cli(gateway_app)
        assert report.returncode == 1
        assert f"kết thúc ở #{old_tip['seq']}" in report.stdout and f"#{anchored['seq']}" in report.stdout
        verifier.run_once()
        assert _anchor(gateway_app) == anchored, "the anchor never moves back: it stays as the evidence"
    finally:
        records.insert_many([r for r in newest if r])
        tips.replace_one({"_id": "audit"}, current_tip)
    assert _verify_cli(gateway_app).returncode == 0


def test_a_tip_rewritten_over_deleted_records_is_reported_without_any_anchor(client, gateway_app):
    assert sign_in(client).status_code == 200
    records, tips = AuditRecord._get_collection(), AuditTip._get_collection()
    tip = _tip()
    newest, previous = records.find_one({"_id": tip["seq"]}), records.find_one({"_id": tip["seq"] - 1})
    try:
        records.delete_one({"_id": tip["seq"]})
        tips.update_one({"_id": "audit"}, {"$set": {"seq": previous["_id"], "hash": previous["hash"]}})
        report = _verify_cli(gateway_app, anchored=False)
        assert report.returncode == 1 and f"Đầu chuỗi (#{previous['_id']}) bị sửa" in report.stdout
    finally:
        records.insert_one(newest)
        tips.replace_one({"_id": "audit"}, tip)
    assert _verify_cli(gateway_app, anchored=False).returncode == 0


def test_a_write_whose_audit_record_cannot_be_written_is_refused_before_it_reaches_the_service(
        client, upstream, monkeypatch):
    admin = bearer(client)
    unit = {"code": "XA-01", "name": "Xã Thử", "kind": "commune", "area": "rural"}
    assert client.post("/api/v1/units", headers=admin, json=unit).status_code == 201
    assert upstream.requests == ["POST /api/v1/units"]
    unreachable = MongoClient("mongodb://127.0.0.1:9/", serverSelectionTimeoutMS=300)
    monkeypatch.setattr(AuditTip, "_get_collection", classmethod(lambda cls: unreachable["gw"]["audit_tip"]))
    refused = client.post("/api/v1/units", headers=admin, json=unit)
    assert refused.status_code == 503 and refused.get_json()["error"]["code"] == "audit_unavailable"
    assert upstream.requests == ["POST /api/v1/units"], "the refused write never reached the service"
    assert client.get("/api/v1/units", headers=admin).status_code == 200  # reads are not held back
    unreachable.close()

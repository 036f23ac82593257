"""The audit trail: what is recorded, who may read it, and that tampering is detected."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from cadre_shared.clock import in_vietnam
from gateway.handlers import audit_trail
from gateway.auth.keys import audit_key
from gateway.models import AuditRecord
from support.platform import eventually

from .conftest import ADMIN_PASSWORD, bearer, sign_in

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[4]


def _records(client, headers, **params):
    reply = client.get("/api/v1/audit", headers=headers, query_string=params)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def test_sign_ins_are_recorded_with_outcome_and_request_id(client):
    client.post("/api/v1/auth/token", json={"username": "admin", "password": "sai-mat-khau-1"},
                headers={"X-Request-ID": "req-failed-1"}, environ_base={"REMOTE_ADDR": "10.9.0.1"})
    admin = bearer(client)
    failed = _records(client, admin, request_id="req-failed-1")
    assert len(failed) == 1
    record = failed[0]
    assert (record["actor"], record["action"], record["outcome"], record["status"]) == (
        "admin", "auth.sign_in", "denied", 401)
    assert record["detail"]["reason"] == "invalid_credentials" and record["ip"] == "10.9.0.1"
    successes = _records(client, admin, actor="admin", action="auth.sign_in", outcome="success")
    assert successes and successes[0]["target"].startswith("sessions/")


def test_user_creation_is_recorded_newest_first_and_without_secrets(client):
    admin = bearer(client)
    name, password = f"aud{uuid.uuid4().hex[:6]}", "Bí-mật-rất-riêng-2026"
    created = client.post("/api/v1/users", headers=admin, json={"username": name, "password": password,
                                                                "role": "auditor"}).get_json()
    records = _records(client, admin, target=created["id"])
    assert [r["action"] for r in records] == ["users.create"]
    assert records[0]["detail"]["username"] == name and records[0]["actor"] == "admin"
    everything = _records(client, admin, per_page=500)
    seqs = [r["seq"] for r in everything]
    assert seqs == sorted(seqs, reverse=True)
    dump = json.dumps(everything, ensure_ascii=False)
    assert password not in dump and ADMIN_PASSWORD not in dump and "Bearer" not in dump


def test_the_home_pages_recent_records_are_the_newest_of_the_trail(client):
    admin = bearer(client)
    for _ in range(3):
        client.post("/api/v1/users", headers=admin, json={"username": f"r{uuid.uuid4().hex[:6]}",
                                                          "password": "Rất-riêng-2026!", "role": "auditor"})
    newest = _records(client, admin, per_page=8)
    shown = audit_trail.recent(8)
    assert [r["seq"] for r in shown] == [r["seq"] for r in newest]
    assert [(r["actor"], r["action"], r["target"], r["outcome"]) for r in shown] == \
        [(r["actor"], r["action"], r["target"], r["outcome"]) for r in newest]


def test_rejected_writes_are_recorded_too(client):
    admin = bearer(client)
    client.post("/api/v1/users", headers={**admin, "X-Request-ID": "req-bad-user"}, json={"username": "x"})
    [record] = _records(client, admin, request_id="req-bad-user")
    assert (record["action"], record["outcome"], record["status"]) == ("POST /api/v1/users", "rejected", 422)


def test_auditors_read_the_trail_other_roles_do_not(client):
    admin = bearer(client)
    names = {}
    for role in ("auditor", "training_school"):
        names[role] = f"{role[:3]}{uuid.uuid4().hex[:6]}"
        client.post("/api/v1/users", headers=admin, json={"username": names[role], "password": "Kiểm-tra-2026",
                                                          "role": role})
    assert client.get("/api/v1/audit", headers=bearer(client, names["auditor"], "Kiểm-tra-2026")).status_code == 200
    school = bearer(client, names["training_school"], "Kiểm-tra-2026")
    assert client.get("/api/v1/audit", headers=school).status_code == 403
    assert client.get("/api/v1/audit").status_code == 401


def test_filters_are_validated(client):
    admin = bearer(client)
    for params in ({"outcome": "maybe"}, {"from": "31/12/2026"}, {"actor[$ne]": "x"}, {"per_page": 0}):
        assert client.get("/api/v1/audit", headers=admin, query_string=params).status_code == 422, params


def test_date_filters_use_vietnam_days(client):
    admin = bearer(client)
    newest = _records(client, admin, per_page=1)[0]
    day = in_vietnam(datetime.fromisoformat(newest["at"])).date()
    same_day = _records(client, admin, **{"from": day.isoformat(), "to": day.isoformat(), "per_page": 500})
    assert newest["seq"] in [r["seq"] for r in same_day]
    assert _records(client, admin, **{"to": "2000-01-01"}) == []


def test_concurrent_writers_from_several_processes_keep_one_unbroken_chain(gateway_app, infra):
    key = audit_key(gateway_app.config)
    before = AuditRecord.objects.count()
    script = ("import sys; from cadre_shared import db; from gateway.handlers.audit_trail import append; "
              "db.connect(sys.argv[1]); key = bytes.fromhex(sys.argv[2]); "
              "import threading; "
              "run = lambda n: [append({'action': 'test.concurrent', 'outcome': 'success', 'actor': sys.argv[3]}, key) "
              "for _ in range(n)]; "
              "ts = [threading.Thread(target=run, args=(10,)) for _ in range(4)]; "
              "[t.start() for t in ts]; [t.join() for t in ts]")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(ROOT / "services" / s) for s in ("shared", "gateway"))}
    workers = [subprocess.Popen([sys.executable, "-c", script, gateway_app.config["MONGO_URI"], key.hex(), f"p{i}"],
                                env=env) for i in range(2)]

    def thread_writer(n):
        for _ in range(30):
            audit_trail.append({"action": "test.concurrent", "outcome": "success", "actor": f"t{n}"}, key)

    threads = [threading.Thread(target=thread_writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(w.wait(timeout=120) == 0 for w in workers)
    assert AuditRecord.objects.count() == before + 2 * 40 + 3 * 30
    checked, problems, last_seq, _hash = audit_trail.verify(key)
    assert problems == [] and checked == last_seq == before + 170


def test_a_batch_cut_short_by_another_writer_carries_on_after_that_writers_record(gateway_app):
    """Group commit: a batch whose second record loses its number to another worker keeps the
    first, moves past the other worker's record and chains the rest after it."""
    from gateway.domain.audit_chain import record_hash
    from gateway.models import AuditTip

    key = audit_key(gateway_app.config)
    tip = AuditTip._get_collection().find_one({"_id": "audit"})
    at = datetime(2026, 11, 25, 4, 0, 0)
    bodies = [{"action": f"test.batch.{n}", "outcome": "success", "actor": "batch", "detail": {}, "at": at}
              for n in range(3)]
    ours_first = {**bodies[0], "seq": tip["seq"] + 1, "prev_hash": tip["hash"], "ip_mac": None}  # as appended
    theirs = {"action": "test.other-worker", "outcome": "success", "actor": "other", "detail": {}, "at": at,
              "seq": tip["seq"] + 2, "prev_hash": record_hash(key, ours_first)}
    theirs["hash"] = record_hash(key, theirs)
    AuditRecord._get_collection().insert_one({"_id": theirs.pop("seq"), **theirs})

    seqs = audit_trail.append_batch(bodies, key)

    assert seqs == [tip["seq"] + 1, tip["seq"] + 3, tip["seq"] + 4]
    stored = {r.seq: r.action for r in AuditRecord.objects(seq__gt=tip["seq"])}
    assert stored == {tip["seq"] + 1: "test.batch.0", tip["seq"] + 2: "test.other-worker",
                      tip["seq"] + 3: "test.batch.1", tip["seq"] + 4: "test.batch.2"}
    _, problems, last_seq, _hash = audit_trail.verify(key)
    assert problems == [] and last_seq == tip["seq"] + 4


def test_a_writer_that_died_before_moving_the_tip_is_repaired_by_the_next(gateway_app):
    from gateway.domain.audit_chain import record_hash
    from gateway.models import AuditTip

    key = audit_key(gateway_app.config)
    tip = AuditTip._get_collection().find_one({"_id": "audit"})
    orphan = {"action": "test.died-after-insert", "outcome": "success", "actor": "dead", "detail": {},
              "at": datetime(2026, 11, 25, 5, 0, 0), "seq": tip["seq"] + 1, "prev_hash": tip["hash"]}
    orphan["hash"] = record_hash(key, orphan)
    AuditRecord._get_collection().insert_one({"_id": orphan.pop("seq"), **orphan})  # tip left behind

    seq = audit_trail.append({"action": "test.after-repair", "outcome": "success", "actor": "next"}, key)

    assert seq == tip["seq"] + 2
    _, problems, last_seq, _hash = audit_trail.verify(key)
    assert problems == [] and last_seq == seq


def _verify_cli(gateway_app) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(ROOT / "services" / s) for s in ("shared", "gateway")),
           "C360_MONGO_URI": gateway_app.config["MONGO_URI"],
           "C360_JWT_PRIVATE_KEY_FILE": gateway_app.config["JWT_PRIVATE_KEY_FILE"]}
    return subprocess.run([sys.executable, "-m", "gateway.audit.verify"], env=env, capture_output=True, text=True,
                          timeout=120)


def test_hand_edits_and_deletions_are_reported_by_the_command_and_the_api(client, gateway_app):
    admin = bearer(client)
    clean = _verify_cli(gateway_app)
    assert clean.returncode == 0 and "toàn vẹn" in clean.stdout
    collection = AuditRecord._get_collection()
    victim = collection.find_one({"action": "auth.sign_in", "outcome": "denied"})
    deleted = collection.find_one({"_id": victim["_id"] + 1})
    try:
        collection.update_one({"_id": victim["_id"]}, {"$set": {"outcome": "success", "status": 200}})
        collection.delete_one({"_id": deleted["_id"]})
        report = _verify_cli(gateway_app)
        assert report.returncode == 1
        assert f"#{victim['_id']} đã bị sửa" in report.stdout
        assert f"#{deleted['_id']}" in report.stdout and "bị xóa" in report.stdout
        # the API serves the background check's last result: ask for a fresh one and wait for it
        asked = client.post("/api/v1/audit/verification", headers=admin)
        assert asked.status_code == 202 and asked.get_json()["pending"] is True
        api = eventually(lambda: (r := client.get("/api/v1/audit/verification", headers=admin).get_json())
                         and not r["pending"] and r, timeout=60, message="the requested check finished")
        assert api["intact"] is False and api["verified_at"]
        assert {(p["seq"], p["kind"]) for p in api["problems"]} >= {(victim["_id"], "altered"),
                                                                    (deleted["_id"], "missing")}
    finally:
        collection.replace_one({"_id": victim["_id"]}, victim)
        collection.insert_one(deleted)
    assert _verify_cli(gateway_app).returncode == 0
    assert sign_in(client).status_code == 200

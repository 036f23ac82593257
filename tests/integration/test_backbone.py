"""The event backbone's guarantees, on the real broker and store (issue #2, item 5)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
import requests
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from pymongo import MongoClient

from support.kiosks import answer, kiosk_headers, wait_until_kiosk_lists
from support.platform import ROOT, SERVICES, ManagedProcess, eventually
from support.world import World

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def admin(stack):
    return stack.session()


@pytest.fixture(scope="module")
def unit_id(stack, admin):
    res = admin.post(stack.url() + "/api/v1/units", json={
        "code": f"BB-{uuid.uuid4().hex[:6]}", "name": "Phường Đông Hưng Thuận", "kind": "ward", "area": "urban"})
    assert res.status_code == 201, res.text
    return res.json()["id"]


def new_cadre(stack, admin, unit_id, code=None):
    res = admin.post(stack.url() + "/api/v1/cadres", json={
        "code": code or f"BB{uuid.uuid4().hex[:8]}", "full_name": "Lê Thị Thu Hương", "gender": "female",
        "birth_year": 1991, "unit_id": unit_id, "is_local": False})
    return res


def copies(stack, service):
    return MongoClient(stack.infra.mongo_uri("x"))[f"c360{stack.suffix}_{service}"]["cadre_copies"]


def read_topic(bootstrap, topic, deadline_s: float = 60.0):
    """Every record on ``topic`` up to its current end, as (key, value, headers): polls until
    each partition's position reaches the end offset read at the start (bounded in time)."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records = []
        stop_at = time.monotonic() + deadline_s
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            assert time.monotonic() < stop_at, f"could not read {topic} to its end in {deadline_s}s"
            for batch in consumer.poll(timeout_ms=1000).values():
                records.extend((r.key, r.value, dict(r.headers)) for r in batch)
        return records
    finally:
        consumer.close()


def events_on(bootstrap, topic):
    """The decodable envelopes on ``topic`` (poison messages of other tests are skipped)."""
    events = []
    for _key, value, _headers in read_topic(bootstrap, topic):
        try:
            event = json.loads(value)
        except ValueError:
            continue
        if isinstance(event, dict) and isinstance(event.get("payload"), dict) and "cadre_id" in event["payload"]:
            events.append(event)
    return events


def test_event_written_by_one_service_changes_state_in_another(stack, admin, unit_id):
    res = new_cadre(stack, admin, unit_id)
    assert res.status_code == 201
    cadre_id = res.json()["id"]
    for service in ("survey", "training"):
        copy = eventually(lambda: copies(stack, service).find_one({"_id": cadre_id}), timeout=5,
                          message=f"{service} knows the new cadre")
        assert copy["unit_id"] == unit_id and copy["status"] == "active"


def test_kafka_down_while_writes_continue_then_every_event_arrives_once(stack, admin, unit_id):
    infra = stack.infra
    official = new_cadre(stack, admin, unit_id).json()["id"]
    kiosk = World(stack).kiosk(unit_id, "Ki-ốt khi mất Kafka")["token"]
    wait_until_kiosk_lists(stack.url(), kiosk, [official])
    infra.kafka.kill9()
    try:
        for service in SERVICES:  # a broker outage leaves every service in its load balancer
            body = eventually(lambda: (r := requests.get(stack.url(service) + "/readyz", timeout=10))
                              .status_code == 200 and r.json()["status"] == "degraded" and r.json(), timeout=60,
                              message=f"{service} says degraded without Kafka")
            assert body["checks"]["store"] == "ok" and body["checks"]["kafka"] != "ok"
            assert "kafka" in body["checks"]["kafka"]  # unreachable, or not checked yet by that worker
        taken = requests.post(stack.url() + "/api/v1/kiosk/responses", json=answer(official),
                              headers=kiosk_headers(kiosk), timeout=30)
        assert taken.status_code == 201, "the kiosk goes on taking answers while Kafka is down"
        accepted = []
        # Writes go on for longer than the producer's own delivery timeout (30 s), so the
        # relay's in-flight batches really fail and must be kept and retried.
        for i in range(14):
            res = new_cadre(stack, admin, unit_id)
            assert res.status_code == 201, "writes are accepted while the broker is down"
            accepted.append(res.json()["id"])
            if i == 7:  # the relay itself crashes with events in flight
                stack.process("evaluation-relay").kill9()
                stack.process("evaluation-relay").start()
            time.sleep(2.5)
        refused_code = admin.get(stack.url() + f"/api/v1/cadres/{accepted[0]}").json()["code"]
        refused = new_cadre(stack, admin, unit_id, code=refused_code)
        assert refused.status_code == 409
    finally:  # later tests need the broker, whatever happened here
        infra.start_kafka()
    for service in ("survey", "training"):
        eventually(lambda: copies(stack, service).count_documents({"_id": {"$in": accepted}}) == len(accepted),
                   timeout=90, message=f"{service} received every cadre written while Kafka was down")
    events = events_on(infra.bootstrap, "evaluation.cadres.v1")
    per_cadre = {}
    for e in events:
        per_cadre.setdefault(e["payload"]["cadre_id"], set()).add(e["event_id"])
    assert all(len(per_cadre[c]) == 1 for c in accepted), "one event per accepted write (re-sends share its id)"
    assert {e["payload"]["cadre_id"] for e in events if e["payload"].get("code") == refused_code} == {accepted[0]}, \
        "no event for the refused write: the only cadre ever published with its code is the one stored"
    cadres = MongoClient(infra.mongo_uri("x"))[f"c360{stack.suffix}_evaluation"]["cadres"]
    eventually(lambda: cadres.count_documents({"_id": {"$in": accepted}, "outbox_pending": 0}) == len(accepted),
               timeout=30, message="the relay cleared what Kafka acknowledged")
    assert all(doc.get("outbox") == [] for doc in cadres.find({"_id": {"$in": accepted}}, {"outbox": 1})), \
        "published events are removed from the documents"
    survey_ledger = MongoClient(infra.mongo_uri("x"))[f"c360{stack.suffix}_survey"]["processed_events"]
    for cadre_id in accepted:
        (event_id,) = per_cadre[cadre_id]
        assert survey_ledger.count_documents({"_id": f"cadre-copies:{event_id}"}) == 1


@pytest.mark.parametrize("crash_at,handler", [("before_commit", "counter"), ("after_effect", "fact")])
def test_consumer_killed_between_effect_and_commit_has_no_second_effect(stack, admin, unit_id, tmp_path,
                                                                          crash_at, handler):
    ids = [new_cadre(stack, admin, unit_id).json()["id"] for _ in range(3)]
    database = f"c360{stack.suffix}_crash_{crash_at}"
    env = {**stack.base_env, "C360_MONGO_URI": stack.infra.mongo_uri(database), "GROUP": f"crash-{crash_at}",
           "CRASH_AT": crash_at, "HANDLER": handler, "MARKER": str(tmp_path / "crashed"),
           "PYTHONPATH": stack.base_env["PYTHONPATH"] + f":{ROOT / 'tests' / 'integration'}"}
    proc = ManagedProcess(f"crash-{crash_at}", [sys.executable, str(ROOT / "tests/integration/crashing_consumer.py")],
                          stack.infra.logs, env).start()
    eventually(lambda: (tmp_path / "crashed").exists() and not proc.running, timeout=60,
               message="the consumer crashed once")
    proc.start()
    try:
        store = MongoClient(stack.infra.mongo_uri(database))[database]
        wanted = {e["event_id"] for e in events_on(stack.infra.bootstrap, "evaluation.cadres.v1")
                  if e["payload"]["cadre_id"] in ids}
        eventually(lambda: store.effects.count_documents({"_id": {"$in": list(wanted)}}) == len(wanted),
                   timeout=60, message="every event applied")
        crashed = (tmp_path / "crashed").read_text()
        eventually(lambda: store.deliveries.count_documents({"event_id": crashed}) >= 2, timeout=60,
                   message="the event being handled at the crash is delivered again")
        assert store.effects.find_one({"_id": crashed})["applied"] == 1, "no second effect for it"
        assert all(doc["applied"] == 1 for doc in store.effects.find()), "no event had a second effect"
        if handler == "fact":
            assert store.calls.count_documents({"event_id": crashed}) == 2, \
                "the handler ran again on redelivery and its effect was absorbed"
    finally:
        proc.stop()


DEEP = b"[" * 100_000 + b"]" * 100_000  # parsing it raises RecursionError


def test_poison_message_goes_to_dead_letter_topic_and_consumption_goes_on(stack, admin, unit_id):
    poison_key = f"poison-{uuid.uuid4().hex[:6]}".encode()
    invalid = {"event_id": str(uuid.uuid4()), "type": "cadre.registered", "schema_version": 1,
               "occurred_at": "2026-11-25T08:00:00+00:00", "producer": "evaluation", "correlation_id": None,
               "key": poison_key.decode(), "payload": {"cadre_id": "x"}}
    producer = KafkaProducer(bootstrap_servers=stack.infra.bootstrap)
    try:
        producer.send("evaluation.cadres.v1", key=poison_key, value=b"\x00not json at all").get(timeout=30)
        producer.send("evaluation.cadres.v1", key=poison_key, value=None).get(timeout=30)
        producer.send("evaluation.cadres.v1", key=poison_key, value=DEEP).get(timeout=30)
        producer.send("evaluation.cadres.v1", key=poison_key, value=json.dumps(invalid).encode()).get(timeout=30)
    finally:
        producer.close()
    res = new_cadre(stack, admin, unit_id)
    cadre_id = res.json()["id"]
    for service in ("survey", "training"):
        eventually(lambda: copies(stack, service).find_one({"_id": cadre_id}), timeout=30,
                   message=f"{service}: the message after the poison is processed")

    def survey_dead_letters():
        return [(k, v, h) for k, v, h in read_topic(stack.infra.bootstrap, "evaluation.cadres.v1.dlt")
                if k == poison_key and h.get("consumer") == b"survey.cadre-copies"]

    dead = eventually(lambda: len(survey_dead_letters()) == 4 and survey_dead_letters(), timeout=30,
                      message="the four poison messages dead-lettered by the survey consumer")
    for _key, value, headers in dead:
        assert headers["origin_topic"] == b"evaluation.cadres.v1"
        assert headers["origin_partition"].isdigit() and headers["origin_offset"].isdigit()
        assert headers["error"]
    assert {v for _k, v, _h in dead} >= {b"\x00not json at all", None, DEEP}
    errors = {v: h["error"] for _k, v, h in dead}
    assert errors[None].startswith(b"null value") and b"nested too deeply" in errors[DEEP]
    for process in ("survey-consumers", "training-consumers"):
        assert stack.process(process).running, f"{process} lived through the poison"


def test_a_dead_letter_is_listed_and_redelivered_once_to_the_consumer_that_failed(stack, admin, unit_id):
    """After a fix, `python -m cadre_shared.replay survey redeliver` puts a dead letter back on its
    topic: the survey consumer applies it; re-running it sends nothing more."""
    cadre_id = f"replayed-{uuid.uuid4().hex[:8]}"
    from cadre_shared.contracts import contract_for
    from cadre_shared.envelope import encode, make_event

    payload = {**contract_for("cadre.registered", 1).examples[0], "cadre_id": cadre_id, "unit_id": unit_id}
    event = make_event("cadre.registered", 1, cadre_id, payload, "evaluation")
    producer = KafkaProducer(bootstrap_servers=stack.infra.bootstrap)
    producer.send("evaluation.cadres.v1.dlt", key=cadre_id.encode(), value=encode(event), headers=[
        ("origin_topic", b"evaluation.cadres.v1"), ("origin_partition", b"0"), ("origin_offset", b"0"),
        ("consumer", b"survey.cadre-copies"), ("error", b"handler failed 5 times: AutoReconnect"),
        ("event_id", event["event_id"].encode()), ("event_type", b"cadre.registered")]).get(timeout=30)
    producer.close()
    env = stack.env_for("survey")

    def replay(*args):
        return subprocess.run([sys.executable, "-m", "cadre_shared.replay", "survey", *args], env={**os.environ, **env},
                              capture_output=True, text=True, timeout=120)

    listed = replay("list", "--key", cadre_id)
    assert listed.returncode == 0 and event["event_id"] in listed.stdout and "survey.cadre-copies" in listed.stdout
    assert copies(stack, "survey").find_one({"_id": cadre_id}) is None
    done = replay("redeliver", "--key", cadre_id, "--type", "cadre.registered")
    assert done.returncode == 0 and "re-delivered 1 dead letter" in done.stdout, done.stdout + done.stderr
    eventually(lambda: copies(stack, "survey").find_one({"_id": cadre_id}), timeout=30,
               message="the survey consumer applied the re-delivered event")
    again = replay("redeliver", "--key", cadre_id)
    assert "re-delivered 0 dead letter" in again.stdout
    assert "(re-delivered)" in replay("list", "--key", cadre_id).stdout

"""The outbox relay on the real store and broker: publish, clear, repair a stuck counter."""
import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from kafka import KafkaConsumer, TopicPartition
from mongoengine import StringField

from cadre_shared import db
from cadre_shared.bus import make_producer
from cadre_shared.contracts import contract_for
from cadre_shared.envelope import make_event
from cadre_shared.outbox import CLOCKS, MARKS, OutboxDocument, mark_id, note_staged
from cadre_shared.relay import OutboxRelay

pytestmark = pytest.mark.integration


class Thing(OutboxDocument):
    meta = {"collection": "outbox_test_things", "db_alias": "outbox_test"}  # leaves the default alias alone
    id = StringField(primary_key=True)


class Carrier(OutboxDocument):
    """Exists only to carry its events: deleted by the relay once they are published."""
    meta = {"collection": "outbox_test_carriers", "db_alias": "outbox_test"}
    id = StringField(primary_key=True)
    carrier_only = True


@pytest.fixture(scope="module")
def producers():
    """``producers(bootstrap)`` makes a relay's producer; each is closed when the module is done, so
    no producer thread is left sending (or logging) after the tests."""
    made = []

    def new(bootstrap: str, client_id: str = "outbox-test"):
        made.append(make_producer(bootstrap, client_id))
        return made[-1]

    yield new
    for producer in made:
        producer.close(timeout=5)


@pytest.fixture(scope="module")
def relay(infra, producers):
    db.connect(infra.mongo_uri("c360_outbox_test"), alias="outbox_test")
    Thing.drop_collection()
    Carrier.drop_collection()
    return OutboxRelay([Thing, Carrier], lambda: producers(infra.bootstrap))


def _event(key):
    return make_event("cadre.registered", 1, key, contract_for("cadre.registered", 1).examples[0], "test")


def _keys_on_topic(bootstrap):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, consumer_timeout_ms=3000)
    try:
        parts = [TopicPartition("evaluation.cadres.v1", p)
                 for p in consumer.partitions_for_topic("evaluation.cadres.v1")]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        return [json.loads(r.value).get("key") for r in consumer if r.value.startswith(b"{")]
    finally:
        consumer.close()


def test_published_events_are_cleared_and_sent_once(relay, infra):
    key = f"outbox-{uuid.uuid4().hex[:8]}"
    thing = Thing(id=key)
    thing.stage_event(_event(key))
    thing.stage_event(_event(key))
    thing.save(force_insert=True)
    assert relay.publish_pending() == 2
    stored = Thing._get_collection().find_one({"_id": key})
    assert stored["outbox"] == [] and stored["outbox_pending"] == 0
    assert relay.publish_pending() == 0
    assert _keys_on_topic(infra.bootstrap).count(key) == 2


def test_counter_left_by_a_crash_between_clear_writes_is_repaired(relay):
    key = f"stuck-{uuid.uuid4().hex[:8]}"
    Thing._get_collection().insert_one({"_id": key, "outbox": [], "outbox_pending": 1})
    note_staged(Thing)
    relay.publish_pending()
    assert Thing._get_collection().find_one({"_id": key})["outbox_pending"] == 0
    assert Thing._get_collection().count_documents({"outbox_pending": {"$gt": 0}}) == 0


def test_a_carrier_document_is_deleted_once_kafka_has_its_events(relay, infra):
    key = f"carrier-{uuid.uuid4().hex[:8]}"
    carrier = Carrier(id=key)
    carrier.stage_event(_event(key))
    carrier.save(force_insert=True)
    assert relay.publish_pending() == 1
    assert Carrier._get_collection().find_one({"_id": key}) is None
    assert relay.publish_pending() == 0
    assert _keys_on_topic(infra.bootstrap).count(key) == 1


def test_a_carrier_may_keep_its_events_as_json_text(relay, infra):
    from cadre_shared.envelope import encode

    keys = [f"carrier-text-{n}-{uuid.uuid4().hex[:8]}" for n in range(3)]
    Carrier._get_collection().insert_one({"_id": keys[0], "outbox": [encode(_event(k)).decode() for k in keys],
                                          "outbox_pending": 3})
    assert relay.publish_pending() == 3
    assert Carrier._get_collection().find_one({"_id": keys[0]}) is None
    on_topic = _keys_on_topic(infra.bootstrap)
    assert [on_topic.count(k) for k in keys] == [1, 1, 1]


def test_a_carrier_is_kept_while_kafka_is_unreachable(infra, producers):
    key = f"carrier-kept-{uuid.uuid4().hex[:8]}"
    carrier = Carrier(id=key)
    carrier.stage_event(_event(key))
    carrier.save(force_insert=True)
    unreachable = OutboxRelay([Carrier], lambda: producers("127.0.0.1:1", "outbox-test-down"))
    with pytest.raises(Exception):
        unreachable.publish_pending()
    assert Carrier._get_collection().find_one({"_id": key})["outbox_pending"] == 1


class Counted(OutboxDocument):
    """A collection of its own, so the clock tests see only their own writes."""
    meta = {"collection": "outbox_test_counted", "db_alias": "outbox_test"}
    id = StringField(primary_key=True)


def _read_counted(relay, monkeypatch) -> list[int]:
    """Runs one relay pass and returns [events published, reads of Counted's whole collection] (a read
    by ``_id`` alone does not count: it is the store's point read)."""
    reads, real_find = [], type(Counted._get_collection()).find

    def counting_find(collection, *args, **kwargs):
        where = args[0] if args else kwargs.get("filter") or {}
        if collection.name == "outbox_test_counted" and set(where) != {"_id"}:
            reads.append(1)
        return real_find(collection, *args, **kwargs)

    monkeypatch.setattr(type(Counted._get_collection()), "find", counting_find)
    published = relay.publish_pending()
    monkeypatch.undo()
    return [published, len(reads)]


def test_a_collection_found_empty_is_read_again_only_when_its_clock_moves(infra, producers, monkeypatch):
    Counted.drop_collection()
    Counted._get_collection().database[CLOCKS].delete_one({"_id": "outbox_test_counted"})
    relay = OutboxRelay([Counted], lambda: producers(infra.bootstrap), full_pass_every=3600)
    assert _read_counted(relay, monkeypatch) == [0, 1]  # the first pass reads everything
    assert _read_counted(relay, monkeypatch) == [0, 0]  # nothing staged since: not read
    key = f"counted-{uuid.uuid4().hex[:8]}"
    Counted._get_collection().insert_one({"_id": key, "outbox": [_event(key)], "outbox_pending": 1})
    note_staged(Counted)  # a write that does not name its documents moves the clock
    assert _read_counted(relay, monkeypatch) == [1, 1]
    assert _read_counted(relay, monkeypatch) == [0, 1]  # read once more, found empty
    assert _read_counted(relay, monkeypatch) == [0, 0]


def test_a_marked_document_is_read_by_its_id_and_its_mark_deleted(infra, producers, monkeypatch):
    """A save() marks its document: the relay publishes it without reading the collection (a registry
    import's events no longer read every dossier a pass), and the mark goes."""
    Counted.drop_collection()
    relay = OutboxRelay([Counted], lambda: producers(infra.bootstrap), full_pass_every=3600)
    relay.publish_pending()  # the first pass reads everything
    key = f"marked-{uuid.uuid4().hex[:8]}"
    doc = Counted(id=key)
    doc.stage_event(_event(key))
    doc.save(force_insert=True)
    marks = Counted._get_collection().database[MARKS]
    assert marks.find_one({"_id": mark_id("outbox_test_counted", key)})["n"] == 1
    assert _read_counted(relay, monkeypatch) == [1, 0]
    assert marks.find_one({"_id": mark_id("outbox_test_counted", key)}) is None
    assert Counted._get_collection().find_one({"_id": key})["outbox_pending"] == 0
    assert _read_counted(relay, monkeypatch) == [0, 0]
    assert _keys_on_topic(infra.bootstrap).count(key) == 1


def test_a_mark_counted_again_while_the_relay_published_is_kept(infra, producers, monkeypatch):
    """A write that stages a new event between the relay's read of the marks and their deletion keeps
    its mark (the deletion matches the count read), so its event goes on the next pass, not a minute later."""
    Counted.drop_collection()
    relay = OutboxRelay([Counted], lambda: producers(infra.bootstrap), full_pass_every=3600)
    relay.publish_pending()
    key = f"remarked-{uuid.uuid4().hex[:8]}"
    doc = Counted(id=key)
    doc.stage_event(_event(key))
    doc.save(force_insert=True)
    real_read = OutboxRelay._read_marked

    def read_then_a_writer_stages(collection, marked):
        docs = real_read(collection, marked)
        again = Counted.objects.get(id=key)
        again.stage_event(_event(key))
        again.save()  # after the relay read the document: its event is not in ``docs``
        return docs

    monkeypatch.setattr(OutboxRelay, "_read_marked", staticmethod(read_then_a_writer_stages))
    assert relay.publish_pending() == 1
    monkeypatch.undo()
    # put back with the one write counted since the relay read it
    assert Counted._get_collection().database[MARKS].find_one({"_id": mark_id("outbox_test_counted", key)})["n"] == 1
    assert _read_counted(relay, monkeypatch) == [1, 0]
    assert _keys_on_topic(infra.bootstrap).count(key) == 2


def test_a_pass_reads_every_clock_of_the_database_at_once(infra, producers, monkeypatch):
    relay = OutboxRelay([Thing, Counted], lambda: producers(infra.bootstrap), full_pass_every=3600)
    reads, real_find = [], type(Counted._get_collection()).find

    def counting_find(collection, *args, **kwargs):
        if collection.name == CLOCKS:
            reads.append(1)
        return real_find(collection, *args, **kwargs)

    monkeypatch.setattr(type(Counted._get_collection()), "find", counting_find)
    for _ in range(2):
        relay.publish_pending()
    assert len(reads) == 2  # one read a pass for both collections' clocks


def test_an_event_whose_writer_died_before_the_clock_waits_for_the_full_pass(infra, producers, monkeypatch):
    """A write that staged an event but never moved the clock (process killed in between) is
    published by the next full pass: delayed, not lost."""
    Counted.drop_collection()
    relay = OutboxRelay([Counted], lambda: producers(infra.bootstrap), full_pass_every=1.0)
    relay.publish_pending()  # full pass: empty
    key = f"unclocked-{uuid.uuid4().hex[:8]}"
    Counted._get_collection().insert_one({"_id": key, "outbox": [_event(key)], "outbox_pending": 1})
    assert _read_counted(relay, monkeypatch) == [0, 0]
    time.sleep(1.1)
    assert _read_counted(relay, monkeypatch) == [1, 1]
    assert _keys_on_topic(infra.bootstrap).count(key) == 1


def _unpublishable(key):
    unknown = {**_event(key), "type": "cadre.teleported"}
    invalid = {**_event(key), "payload": {"cadre_id": key}}
    huge = _event(key)
    huge["payload"] = {**huge["payload"], "full_name": "N" * 1_100_000}
    return {"unknown type": unknown, "failing contract": invalid, "too large": huge}


def test_events_that_cannot_be_published_are_quarantined_and_the_others_flow_on(relay, infra):
    key = f"quarantine-{uuid.uuid4().hex[:8]}"
    bad = _unpublishable(key)
    thing = Thing(id=key)
    thing.stage_event(_event(key))
    for event in bad.values():
        thing.stage_event(event)
    thing.stage_event(_event(key))
    thing.save(force_insert=True)
    carrier = Carrier(id=key)
    carrier.stage_event(bad["unknown type"] | {"event_id": str(uuid.uuid4())})
    carrier.stage_event(_event(key))
    carrier.save(force_insert=True)

    relay.publish_pending()  # with what earlier tests left in these collections
    stored = Thing._get_collection().find_one({"_id": key})
    assert stored["outbox"] == [] and stored["outbox_pending"] == 0
    assert Carrier._get_collection().find_one({"_id": key}) is None
    assert _keys_on_topic(infra.bootstrap).count(key) == 3
    quarantined = {d["_id"]: d for d in Thing._get_collection().database["outbox_quarantine"].find({"key": key})}
    assert len(quarantined) == 4
    for shape, event in bad.items():
        doc = quarantined[event["event_id"]]
        assert (doc["collection"], doc["document_id"]) == ("outbox_test_things", key)
        assert doc["event"]["event_id"] == event["event_id"] and doc["reason"], shape
    assert "unknown event type" in quarantined[bad["unknown type"]["event_id"]]["reason"]
    assert quarantined[bad["too large"]["event_id"]]["reason"].startswith("too large")
    assert relay.publish_pending() == 0


def test_a_quarantined_event_is_published_by_the_replay_command_once_repaired(relay, infra):
    key = f"replayed-{uuid.uuid4().hex[:8]}"
    broken = _unpublishable(key)["failing contract"]
    thing = Thing(id=key)
    thing.stage_event(broken)
    thing.save(force_insert=True)
    relay.publish_pending()
    quarantine = Thing._get_collection().database["outbox_quarantine"]
    assert quarantine.count_documents({"_id": broken["event_id"]}) == 1
    env = {**os.environ, "C360_MONGO_URI": infra.mongo_uri("c360_outbox_test"), "C360_KAFKA_BOOTSTRAP": infra.bootstrap}
    replay = [sys.executable, "-m", "cadre_shared.replay", "survey"]
    listed = subprocess.run(replay + ["list", "--only", "quarantine", "--key", key], env=env, capture_output=True,
                            text=True, timeout=120)
    assert listed.returncode == 0 and broken["event_id"] in listed.stdout and "1 quarantined" in listed.stdout
    still = subprocess.run(replay + ["redeliver", "--only", "quarantine", "--key", key], env=env,
                           capture_output=True, text=True, timeout=120)
    assert still.returncode == 1 and "not re-delivered" in still.stderr  # not repaired yet: kept
    assert _keys_on_topic(infra.bootstrap).count(key) == 0
    repaired = contract_for("cadre.registered", 1).examples[0] | {"cadre_id": key}
    quarantine.update_one({"_id": broken["event_id"]}, {"$set": {"event.payload": repaired}})
    done = subprocess.run(replay + ["redeliver", "--only", "quarantine", "--key", key], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "published 1 quarantined" in done.stdout
    assert quarantine.count_documents({"_id": broken["event_id"]}) == 0
    assert _keys_on_topic(infra.bootstrap).count(key) == 1


def test_a_backlog_of_marked_documents_is_not_read_again_with_the_whole_collection(infra, producers, monkeypatch):
    """A relay starting on a backlog reads the collection once (its first, full pass); while what it
    finds is all marked, the marks bring the rest by ``_id``: each further pass would otherwise read
    every document (every dossier of a province) until the backlog was gone."""
    Counted.drop_collection()
    Counted._get_collection().database[MARKS].delete_many({"c": "outbox_test_counted"})
    keys = [f"backlog-{uuid.uuid4().hex[:8]}" for _ in range(5)]
    for key in keys:
        doc = Counted(id=key)
        doc.stage_event(_event(key))
        doc.save(force_insert=True)
    relay = OutboxRelay([Counted], lambda: producers(infra.bootstrap), batch_size=2, full_pass_every=3600)
    passes = [_read_counted(relay, monkeypatch) for _ in range(4)]
    assert passes[0][1] == 1 and [reads for _published, reads in passes[1:]] == [0, 0, 0], passes
    assert sum(published for published, _reads in passes) == 5, passes
    on_topic = _keys_on_topic(infra.bootstrap)
    assert all(on_topic.count(key) == 1 for key in keys)


def test_marks_are_inserted_at_once_and_one_already_waiting_is_counted_on(infra):
    db.connect(infra.mongo_uri("c360_outbox_test"), alias="outbox_test")
    marks = Counted._get_collection().database[MARKS]
    keys = [f"many-{uuid.uuid4().hex[:8]}" for _ in range(3)]
    note_staged(Counted, [keys[1]])
    note_staged(Counted, keys)
    counts = {key: marks.find_one({"_id": mark_id("outbox_test_counted", key)}) for key in keys}
    assert {key: (m["c"], m["d"], m["n"]) for key, m in counts.items()} == {
        keys[0]: ("outbox_test_counted", keys[0], 1), keys[1]: ("outbox_test_counted", keys[1], 2),
        keys[2]: ("outbox_test_counted", keys[2], 1)}

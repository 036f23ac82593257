"""The conditional update on the real store: applied only while the document still holds the
expected fields, one winner among writers racing from the same read, a dead writer's lock taken
over, and every command naming its document by ``_id`` alone (any other filter reads the whole
collection on FerretDB)."""
import threading
import time
import uuid

import pytest
from pymongo import MongoClient

from cadre_shared import conditional_update
from cadre_shared.conditional_update import LOCKS, update_if
from support.store_commands import StoreCommands

pytestmark = pytest.mark.integration

@pytest.fixture(scope="module")
def store(infra):
    filters = StoreCommands(("find", "findAndModify", "update", "delete"))
    client = MongoClient(infra.mongo_uri("conditional_update_test"), event_listeners=[filters])
    yield client["conditional_update_test"], filters
    client.close()


def _flag(db, **fields) -> str:
    key = str(uuid.uuid4())
    db.flags.insert_one({"_id": key, "version": 1, "status": "open", "job": {"id": "j1"}, **fields})
    return key


def test_applied_only_while_the_document_holds_what_was_read(store):
    db, _ = store
    key = _flag(db)
    assert update_if(db.flags, key, {"version": 1, "job.id": "j1"}, {"$set": {"light": "red", "version": 2}})
    assert not update_if(db.flags, key, {"version": 1}, {"$set": {"light": "green", "version": 2}})
    assert not update_if(db.flags, key, {"job.id": "j2"}, {"$set": {"light": "green"}})
    assert not update_if(db.flags, "no-such-flag", {"version": 1}, {"$set": {"light": "green"}})
    assert db.flags.find_one({"_id": key}) == {"_id": key, "version": 2, "status": "open", "job": {"id": "j1"},
                                               "light": "red"}
    assert db[LOCKS].find_one({"_id": f"flags|{key}"}) is None, "the lock is dropped after the write"


def test_one_writer_wins_among_writers_racing_from_the_same_read(store):
    db, _ = store
    key = _flag(db)
    won, start = [], threading.Barrier(6)

    def writer(name):
        start.wait()
        if update_if(db.flags, key, {"version": 1}, {"$set": {"by": name}, "$inc": {"version": 1}}):
            won.append(name)

    threads = [threading.Thread(target=writer, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stored = db.flags.find_one({"_id": key})
    assert len(won) == 1 and stored["by"] == won[0] and stored["version"] == 2, (won, stored)


def test_a_dead_writers_lock_is_taken_over_and_a_live_one_waited_for(store):
    db, _ = store
    key = _flag(db)
    db[LOCKS].insert_one({"_id": f"flags|{key}", "token": "dead",
                          "at": time.time() - conditional_update.STALE_SECONDS - 1})
    assert update_if(db.flags, key, {"version": 1}, {"$set": {"version": 2}})
    db[LOCKS].insert_one({"_id": f"flags|{key}", "token": "alive", "at": time.time()})
    assert not update_if(db.flags, key, {"version": 2}, {"$set": {"version": 3}}, wait=0.2)
    assert db.flags.find_one({"_id": key})["version"] == 2
    assert db[LOCKS].find_one({"_id": f"flags|{key}"})["token"] == "alive", "another writer's lock is left alone"


def test_every_command_names_its_document_by_id_alone(store):
    db, filters = store
    key = _flag(db)
    filters.clear()
    update_if(db.flags, key, {"version": 1, "status": "open"}, {"$set": {"version": 2}})
    update_if(db.flags, key, {"version": 1}, {"$set": {"version": 3}})
    # read, write and the lock's delete; then read and the lock's delete (an insert has no filter)
    sent = filters.filters()
    assert len(sent) == 5 and all(set(f) == {"_id"} and isinstance(f["_id"], str) for f in sent), sent


def test_operators_are_refused_as_expected_values(store):
    db, _ = store
    with pytest.raises(ValueError):
        update_if(db.flags, _flag(db), {"version": {"$lt": 3}}, {"$set": {"version": 3}})

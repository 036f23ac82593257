"""The local store applies each update atomically, as MongoDB does. FerretDB v1 reads a
document, applies the operators and writes it back in two steps, so concurrent updates of one
document lost most of themselves (131 of 800 `$inc` kept); the launcher serialises updates per
collection (deploy/local/ferretdb/serialize.go). The platform depends on it: an outbox `$push`
racing the relay's `$pull`, an inbox's `$push` and `$pull`, roster rows `$set` per cadre."""
from __future__ import annotations

import threading
import uuid

import pytest
from pymongo import MongoClient, ReturnDocument

pytestmark = pytest.mark.integration

THREADS, EACH = 8, 60


@pytest.fixture()
def collection(infra):
    name = f"atomic_{uuid.uuid4().hex[:8]}"
    client = MongoClient(infra.mongo_uri(name), maxPoolSize=THREADS * 2)
    yield client[name]["docs"]
    client.drop_database(name)
    client.close()


def _in_threads(work) -> None:
    threads = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_concurrent_increments_and_pushes_of_one_document_are_all_kept(collection):
    collection.insert_one({"_id": "doc", "n": 0, "items": []})

    def work(k):
        for i in range(EACH):
            collection.update_one({"_id": "doc"}, {"$inc": {"n": 1}, "$push": {"items": f"{k}-{i}"}})

    _in_threads(work)
    doc = collection.find_one({"_id": "doc"})
    assert doc["n"] == THREADS * EACH
    assert sorted(doc["items"]) == sorted(f"{k}-{i}" for k in range(THREADS) for i in range(EACH))


def test_a_pull_racing_pushes_removes_only_what_it_names(collection):
    """The outbox pattern: writers push events while a relay pulls published ones."""
    collection.insert_one({"_id": "doc", "outbox": []})

    def work(k):
        for i in range(EACH):
            if k % 2:
                collection.update_one({"_id": "doc"}, {"$push": {"outbox": f"{k}-{i}"}})
            else:
                collection.update_one({"_id": "doc"}, {"$pull": {"outbox": f"gone-{i}"}})

    _in_threads(work)
    kept = collection.find_one({"_id": "doc"})["outbox"]
    assert sorted(kept) == sorted(f"{k}-{i}" for k in range(1, THREADS, 2) for i in range(EACH))


def test_find_and_modify_hands_out_each_number_once(collection):
    collection.insert_one({"_id": "counter", "next": 0})
    taken: list[int] = []
    lock = threading.Lock()

    def work(_k):
        for _ in range(EACH):
            doc = collection.find_one_and_update({"_id": "counter"}, {"$inc": {"next": 1}},
                                                 return_document=ReturnDocument.AFTER)
            with lock:
                taken.append(doc["next"])

    _in_threads(work)
    assert sorted(taken) == list(range(1, THREADS * EACH + 1))

"""The local store (FerretDB on SQLite, started by deploy/local) finds a document by its _id
through an index, not by reading the whole collection: FerretDB's own _id index is spelled
differently from its lookups, so the launcher adds one SQLite can use (idindex.go)."""
from __future__ import annotations

import sqlite3
import uuid

import pytest
from pymongo import MongoClient

from support.platform import eventually

pytestmark = pytest.mark.integration


# How FerretDB v1.24 asks SQLite for a document by _id (backends/sqlite/collection.go).
FERRETDB_ID_LOOKUP = 'SELECT _ferretdb_sjson FROM "{table}" WHERE _ferretdb_sjson->\'$._id\' = ?'


def _plan(infra, database: str, collection: str) -> str:
    """SQLite's plan for FerretDB's lookup by _id in that collection, read from the data file.

    (FerretDB's own ``explain`` is prepared on pooled connections that may not have seen a
    new index yet, so it is not a reliable witness; the data file is.)"""
    with sqlite3.connect(f"file:{infra.dir / 'mongo' / (database + '.sqlite')}?mode=ro", uri=True) as con:
        row = con.execute("SELECT table_name FROM _ferretdb_collections WHERE name = ?", (collection,)).fetchone()
        if row is None:
            return ""
        plan = con.execute("EXPLAIN QUERY PLAN " + FERRETDB_ID_LOOKUP.format(table=row[0]), ('"x"',)).fetchall()
    return " ".join(str(step[-1]) for step in plan)


@pytest.fixture()
def store(infra):
    name = f"idindex_{uuid.uuid4().hex[:8]}"
    client = MongoClient(infra.mongo_uri(name))
    yield client[name]
    client.drop_database(name)
    client.close()


def test_lookups_updates_and_deletes_by_id_use_an_index(infra, store):
    ids = [str(uuid.uuid4()) for _ in range(2000)]
    store.things.insert_many([{"_id": i, "pad": "x" * 200} for i in ids])
    last = ids[-1]
    plan = eventually(lambda: (p := _plan(infra, store.name, "things")) and "USING INDEX" in p and p,
                      timeout=20, message="an index on the _id lookup")
    assert "SEARCH" in plan and "_c360_id" in plan, plan
    # the documents are all there, found by id, and updates/deletes by id still work
    assert store.things.find_one({"_id": last})["pad"] == "x" * 200
    assert store.things.update_one({"_id": last}, {"$set": {"pad": "y"}}).modified_count == 1
    assert store.things.delete_one({"_id": ids[0]}).deleted_count == 1
    assert store.things.count_documents({}) == 1999
    # uniqueness is still FerretDB's: a second document with the same _id is refused
    with pytest.raises(Exception) as refused:
        store.things.insert_one({"_id": last})
    assert "duplicate key" in str(refused.value).lower()
    # the extra index is the launcher's business: clients see only FerretDB's own
    assert [ix["name"] for ix in store.things.list_indexes()] == ["_id_"]


def test_a_collection_created_again_after_a_drop_is_indexed_again(infra, store):
    store.again.insert_one({"_id": "a"})
    eventually(lambda: "USING INDEX" in _plan(infra, store.name, "again"), timeout=20,
               message="index on the first collection")
    store.again.drop()
    assert _plan(infra, store.name, "again") == ""
    store.again.insert_one({"_id": "b"})
    eventually(lambda: "USING INDEX" in _plan(infra, store.name, "again"), timeout=20,
               message="index on the collection created again")
    assert store.again.find_one({"_id": "b"}) == {"_id": "b"}

"""A model's read indexes on the real store (FerretDB): left out by default, where they would cost each
insert and serve no filter; made when ``C360_STORE_READ_INDEXES=on``; dropped again once it is back to
``auto`` (or ``off``). A unique index is never a read index."""
import pytest
from mongoengine import Document, StringField, connect, disconnect

from cadre_shared.db import ReadIndexes, is_ferretdb, read_indexes_wanted

pytestmark = pytest.mark.integration
ALIAS = "read_indexes_test"


class IndexedThing(ReadIndexes, Document):
    meta = {"collection": "things", "db_alias": ALIAS, "indexes": ["kind", ("unit_id", "-at")]}
    id = StringField(primary_key=True)
    kind = StringField()
    unit_id = StringField()
    at = StringField()


class UniqueIndexedThing(ReadIndexes, Document):
    meta = {"collection": "unique_things", "db_alias": ALIAS, "indexes": [{"fields": ["code"], "unique": True}]}
    id = StringField(primary_key=True)
    code = StringField()


@pytest.fixture
def store(infra, monkeypatch):
    monkeypatch.delenv("C360_STORE_READ_INDEXES", raising=False)
    connect(host=infra.mongo_uri("read_indexes_test"), alias=ALIAS)
    IndexedThing._collection = UniqueIndexedThing._collection = None
    try:
        yield IndexedThing._get_db()
    finally:
        IndexedThing._get_db().client.drop_database("read_indexes_test")
        IndexedThing._collection = UniqueIndexedThing._collection = None
        disconnect(alias=ALIAS)


def names(db) -> set[str]:
    return set(db["things"].index_information())


def test_read_indexes_are_left_out_on_ferretdb_made_when_asked_and_dropped_again(store, monkeypatch):
    assert is_ferretdb(store) and not read_indexes_wanted(store)
    IndexedThing(id="t1", kind="a", unit_id="U1", at="2026-12-07").save()  # the first use makes the collection
    assert names(store) == {"_id_"}

    monkeypatch.setenv("C360_STORE_READ_INDEXES", "on")
    IndexedThing.ensure_indexes()
    assert names(store) == {"_id_", "kind_1", "unit_id_1_at_-1"}

    monkeypatch.setenv("C360_STORE_READ_INDEXES", "auto")
    IndexedThing.ensure_indexes()
    assert names(store) == {"_id_"}, "made by an earlier setting: dropped on the embedded store"
    assert IndexedThing.objects(kind="a").count() == 1


def test_a_unique_index_is_no_read_index(store, monkeypatch):
    monkeypatch.setenv("C360_STORE_READ_INDEXES", "off")
    with pytest.raises(TypeError):
        UniqueIndexedThing.ensure_indexes()

"""A read copy kept from state events on the real store: only a newer version changes it, and every
command names the copy by ``_id`` alone (any other filter reads the whole collection on FerretDB)."""
import uuid

import pytest
from pymongo import MongoClient

from cadre_shared.read_copy import upsert_if_newer, upsert_many_if_newer
from support.store_commands import StoreCommands

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def store(infra):
    commands = StoreCommands(("find", "update", "insert"))
    client = MongoClient(infra.mongo_uri("read_copy_test"), event_listeners=[commands])
    yield client["read_copy_test"]["copies"], commands
    client.close()


def test_only_a_newer_version_changes_the_copy(store):
    copies, _commands = store
    key = str(uuid.uuid4())
    assert upsert_if_newer(copies, key, 2, {"name": "Trần Thị Hoa"}) is True
    assert upsert_if_newer(copies, key, 1, {"name": "cũ / older"}) is False
    assert upsert_if_newer(copies, key, 2, {"name": "lặp lại / redelivered"}) is False
    assert copies.find_one({"_id": key}) == {"_id": key, "name": "Trần Thị Hoa", "version": 2}
    assert upsert_if_newer(copies, key, 3, {"name": "Trần Thị Hoa (mới)"}) is True
    assert copies.find_one({"_id": key})["name"] == "Trần Thị Hoa (mới)"


def test_every_command_names_the_copy_by_id_alone(store):
    copies, commands = store
    key = str(uuid.uuid4())
    commands.clear()
    for version in (1, 3, 2, 4):
        upsert_if_newer(copies, key, version, {"name": f"v{version}"})
    filters = [f for f in commands.filters() if f is not None]
    assert filters and all(f == {"_id": key} for f in filters), filters
    assert copies.find_one({"_id": key})["name"] == "v4"


def test_a_run_of_copies_changes_only_the_newer_and_names_them_by_id(store):
    copies, commands = store
    kept, new, older = (str(uuid.uuid4()) for _ in range(3))
    upsert_if_newer(copies, kept, 2, {"name": "Lê Văn Tâm", "unit_id": "U1"})
    upsert_if_newer(copies, older, 5, {"name": "Ngô Thị Mai", "unit_id": "U2"})
    commands.clear()
    before = upsert_many_if_newer(copies, {kept: (3, {"name": "Lê Văn Tâm (mới)", "unit_id": "U3"}),
                                           new: (1, {"name": "Đinh Văn Sơn", "unit_id": "U1"}),
                                           older: (4, {"name": "cũ / older", "unit_id": "U9"})}, ("unit_id",))
    sent = list(commands.seen)
    assert before == {kept: {"_id": kept, "version": 2, "unit_id": "U1"}, new: {},
                      older: {"_id": older, "version": 5, "unit_id": "U2"}}
    assert copies.find_one({"_id": kept}) == {"_id": kept, "name": "Lê Văn Tâm (mới)", "unit_id": "U3", "version": 3}
    assert copies.find_one({"_id": new}) == {"_id": new, "name": "Đinh Văn Sơn", "unit_id": "U1", "version": 1}
    assert copies.find_one({"_id": older})["name"] == "Ngô Thị Mai"
    # a read per copy, one insert for the new ones, one set for the newer copy; every filter an _id
    # equality (FerretDB pushes down no $in: it would read the whole collection)
    assert [name for name, _found in sent] == ["find", "find", "find", "insert", "update"], sent
    filters = [f for _name, found in sent for f in found if f is not None]
    assert all(set(f) == {"_id"} and isinstance(f["_id"], str) for f in filters), filters
    # delivered again: nothing changes, nothing is inserted
    commands.clear()
    upsert_many_if_newer(copies, {kept: (3, {"name": "x", "unit_id": "U3"}), new: (1, {"name": "y", "unit_id": "U1"})})
    assert [name for name, _found in commands.seen] == ["find", "find"]
    assert copies.find_one({"_id": new})["name"] == "Đinh Văn Sơn"


def test_a_run_inserted_meanwhile_by_another_writer_is_still_applied_once(store):
    copies, _commands = store
    raced = str(uuid.uuid4())

    class Racing:
        """The collection, with another writer inserting ``raced`` between the read and the insert."""
        def __getattr__(self, name):
            return getattr(copies, name)

        def insert_many(self, docs, ordered=True):
            copies.insert_one({"_id": raced, "name": "người khác / the other writer", "version": 1})
            return copies.insert_many(docs, ordered=ordered)

    fresh = str(uuid.uuid4())
    upsert_many_if_newer(Racing(), {raced: (2, {"name": "mới / newer"}), fresh: (1, {"name": "Hà Văn Bình"})})
    assert copies.find_one({"_id": raced})["name"] == "mới / newer"
    assert copies.find_one({"_id": fresh}) == {"_id": fresh, "name": "Hà Văn Bình", "version": 1}

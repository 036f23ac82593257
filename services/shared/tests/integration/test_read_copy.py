"""A read copy kept from state events on the real store: only a newer version changes it, and every
command names the copy by ``_id`` alone (any other filter reads the whole collection on FerretDB)."""
import uuid

import pytest
from pymongo import MongoClient, monitoring

from cadre_shared.read_copy import upsert_if_newer

pytestmark = pytest.mark.integration


class Commands(monitoring.CommandListener):
    def __init__(self):
        self.seen = []

    def started(self, event):
        if event.command_name in ("find", "update", "insert"):
            body = event.command
            filters = [body.get("filter")] if event.command_name == "find" else \
                [u["q"] for u in body.get("updates", [])]
            self.seen.append((event.command_name, filters))

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass


@pytest.fixture(scope="module")
def store(infra):
    commands = Commands()
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
    commands.seen.clear()
    for version in (1, 3, 2, 4):
        upsert_if_newer(copies, key, version, {"name": f"v{version}"})
    filters = [f for _name, found in commands.seen for f in found if f is not None]
    assert filters and all(f == {"_id": key} for f in filters), filters
    assert copies.find_one({"_id": key})["name"] == "v4"
